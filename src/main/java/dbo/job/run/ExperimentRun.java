package dbo.job.run;

import dbo.job.output.MetricsCsv;
import dbo.job.output.MetricsParquet;
import dbo.job.output.ResultDirectory;
import dbo.job.resume.ResumeStore;
import dbo.algorithm.AgentAlgorithm;
import dbo.baseline.MllibBaselines;
import dbo.problem.HyperCleaningProblem;
import dbo.job.config.HyperCleaningSettings;
import dbo.job.config.RunnerKind;
import dbo.runtime.Engine;
import dbo.runtime.IterationLoop;
import dbo.runtime.MixingPlan;
import dbo.runtime.MetricsRow;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every algorithm of an {@link Experiment} on one engine and writes the result directory:
 * {@code manifest.json}, {@code metrics.csv} and {@code metrics.parquet}, staged and renamed into place
 * only when complete.
 */
public final class ExperimentRun {
  /** The MLlib baselines' table in a result directory (hyper-cleaning with baselines on). */
  public static final String BASELINES_FILE = "baselines.csv";

  private Experiment experiment;
  private final Path target;
  private final boolean overwrite;
  private final Path sparkDefaults;
  private final List<String> commandLine;
  private final Consumer<String> progress;
  private final boolean resume;

  public ExperimentRun(Experiment experiment, Path target, boolean overwrite, Path sparkDefaults,
      List<String> commandLine, Consumer<String> progress) {
    this(experiment, target, overwrite, false, sparkDefaults, commandLine, progress);
  }

  /**
   * @param resume continue the interrupted run of {@code target} from its last checkpoint
   */
  public ExperimentRun(Experiment experiment, Path target, boolean overwrite, boolean resume, Path sparkDefaults,
      List<String> commandLine, Consumer<String> progress) {
    this.resume = resume;
    this.experiment = experiment;
    this.target = target;
    this.overwrite = overwrite;
    this.sparkDefaults = sparkDefaults;
    this.commandLine = commandLine;
    this.progress = progress;
  }

  /** What a finished run tells its caller. */
  public record Summary(Path directory, List<RunResult> results, boolean diverged, List<String> messages,
      String table) {
    /**
     * A fixed-width table of the final metrics of every algorithm; test accuracy and the precision and
     * recall of the flagged samples are added where some algorithm has them (classification problems), and
     * the objective and held-out test loss where the problem reports them (policy evaluation).
     */
    static String table(List<RunResult> results) {
      boolean accuracy = results.stream().anyMatch(r -> !Double.isNaN(r.last().testAccuracy()));
      boolean flags = results.stream().anyMatch(r -> !Double.isNaN(r.last().flagPrecision())
          || !Double.isNaN(r.last().flagRecall()));
      boolean testLoss = results.stream().anyMatch(r -> !Double.isNaN(r.last().testLoss()));
      StringBuilder sb = new StringBuilder(String.format("%-22s %-9s %10s %12s %14s %14s %14s", "algorithm",
          "outcome", "iterations", "oracle_calls", "estimation_err", "hypergrad_norm", "consensus_err"));
      if (accuracy) sb.append(String.format(" %13s", "test_accuracy"));
      if (flags) sb.append(String.format(" %14s %11s", "flag_precision", "flag_recall"));
      if (testLoss) sb.append(String.format(" %14s %14s", "objective", "test_loss"));
      sb.append(System.lineSeparator());
      for (RunResult r : results) {
        MetricsRow last = r.last();
        sb.append(String.format("%-22s %-9s %10d %12d %14s %14s %14s", r.algorithm(),
            r.outcome().configName(), r.iterations(), last.oracleCalls(), number(last.estimationError()),
            number(last.hypergradNorm()), number(last.consensusError())));
        if (accuracy) sb.append(String.format(" %13s", fraction(last.testAccuracy())));
        if (flags) sb.append(String.format(" %14s %11s", fraction(last.flagPrecision()), fraction(last.flagRecall())));
        if (testLoss) sb.append(String.format(" %14s %14s", number(last.objective()), number(last.testLoss())));
        sb.append(System.lineSeparator());
      }
      return sb.toString().stripTrailing();
    }

    /** Four decimals, or "-" for a metric that does not apply. */
    private static String fraction(double v) {
      return Double.isNaN(v) ? "-" : String.format("%.4f", v);
    }

    /** Scientific notation, or "-" for a metric that does not apply. */
    private static String number(double v) {
      return Double.isNaN(v) ? "-" : String.format("%.4e", v);
    }
  }

  public Summary execute() throws IOException {
    long t0 = System.nanoTime();
    try (ResultDirectory dir = ResultDirectory.open(target, overwrite, resume)) {
      ResumeStore store = new ResumeStore(dir.staging(), experiment.config().resolvedJson());
      ResumeStore.Progress saved = resume ? store.load(target) : null;
      int every = experiment.config().run().checkpointEvery();
      SparkSession spark = session(dir.staging());
      try {
        // A table read by Spark gets its smoothness estimate (and so its step sizes) from the executors.
        experiment = experiment.onSpark(JavaSparkContext.fromSparkContext(spark.sparkContext()));
        List<RunResult> results = new ArrayList<>();
        String runnerName = null;
        try (EnginePool pool = pool(spark)) {
          for (int i = 0; i < experiment.algorithms().size(); i++) {
            AgentAlgorithm<?> a = experiment.algorithms().get(i);
            MixingPlan plan = experiment.plans().get(i);
            Engine engine = pool.engine(plan);
            runnerName = engine.describe();
            IterationLoop loop = new IterationLoop(experiment.problem(), plan, experiment.loop(), progress);
            RunResult r;
            if (saved != null && i < saved.algorithm()) {
              r = saved.finished().get(i);
              progress.accept("[" + a.label() + "] finished before the interruption");
            } else if (saved != null && i == saved.algorithm()) {
              progress.accept("[" + a.label() + "] resuming at iteration " + saved.point().iteration() + " on "
                  + runnerName);
              engine.restore(a, store.states(saved));
              r = loop.run(engine, a, store.checkpointer(i, every), saved.point());
            } else {
              progress.accept("[" + a.label() + "] starting on " + runnerName);
              r = loop.run(engine, a, store.checkpointer(i, every), null);
            }
            store.finished(r);
            progress.accept("[" + a.label() + "] " + r.outcome().configName() + " after " + r.iterations()
                + " iterations, " + String.format("%.1f", r.wallSeconds()) + " s"
                + (r.message().isEmpty() ? "" : ": " + r.message()));
            results.add(r);
          }
        }
        List<MllibBaselines.Result> baselines = baselines(spark);
        if (!baselines.isEmpty()) {
          MllibBaselines.writeCsv(dir.staging().resolve(BASELINES_FILE), baselines);
        }
        List<MetricsRow> rows = new ArrayList<>();
        for (RunResult r : results) rows.addAll(r.rows());
        MetricsCsv.write(dir.staging().resolve("metrics.csv"), rows);
        MetricsParquet.write(spark, dir.staging().resolve("metrics.parquet"), rows);
        ResultDirectory.deleteTree(dir.staging().resolve(".checkpoints"));
        store.clear();
        double wall = (System.nanoTime() - t0) / 1e9;
        Manifest.write(dir.staging().resolve("manifest.json"), experiment, runnerName, results, wall, commandLine,
            baselines);
        dbo.report.Report.writeOrWarn(dir.staging(), target, progress);
        dir.commit();
        List<String> messages = new ArrayList<>();
        boolean diverged = false;
        for (RunResult r : results) {
          if (r.outcome() == Outcome.DIVERGED) {
            diverged = true;
            messages.add(r.message());
          }
        }
        String table = Summary.table(results);
        if (!baselines.isEmpty()) table += System.lineSeparator() + System.lineSeparator() + MllibBaselines.table(baselines);
        return new Summary(dir.target(), results, diverged, messages, table);
      } finally {
        spark.stop();
      }
    }
  }

  /**
   * The MLlib baselines when the problem is hyper-cleaning and {@code problem.hyper-cleaning.baselines} is on
   * (they need a Spark session, which both runners have); otherwise none.
   */
  private List<MllibBaselines.Result> baselines(SparkSession spark) {
    if (!(experiment.problem() instanceof HyperCleaningProblem h)
        || !(experiment.config().problem().settings() instanceof HyperCleaningSettings settings)
        || !settings.baselines()) {
      return List.of();
    }
    progress.accept("[baselines] training MLlib logistic regression on corrupted labels and on clean samples");
    List<MllibBaselines.Result> out = MllibBaselines.run(spark, h, settings.baselineIterations());
    for (MllibBaselines.Result r : out) {
      progress.accept(String.format("[baselines] %s: test accuracy %.4f (%d samples, %d iterations, %s, %.1f s)",
          r.name(), r.testAccuracy(), r.trainSamples(), r.iterations(),
          r.converged() ? "converged" : "stopped at the limit of " + r.maxIterations() + ", not converged",
          r.wallSeconds()));
    }
    return out;
  }

  private EnginePool pool(SparkSession spark) {
    JavaSparkContext jsc = experiment.config().runner() == RunnerKind.IN_PROCESS ? null
        : JavaSparkContext.fromSparkContext(spark.sparkContext());
    return new EnginePool(experiment.problem(), jsc, experiment.config().run().checkpointEvery());
  }

  private SparkSession session(Path staging) {
    return Sessions.open(experiment.config(), sparkDefaults,
        Sessions.appName("", commandLine.get(0), target.toString()), staging);
  }
}
