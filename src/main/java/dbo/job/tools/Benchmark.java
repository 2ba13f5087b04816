package dbo.job.tools;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Sldbo;
import dbo.algorithm.StepSizes;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.job.output.ResultDirectory;
import dbo.job.run.EnginePool;
import dbo.job.run.Experiment;
import dbo.job.run.Sessions;
import dbo.linalg.Vectors;
import dbo.problem.Heterogeneity;
import dbo.problem.ProblemSpec;
import dbo.problem.QuadraticProblem;
import dbo.runtime.MixingPlan;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Median seconds per iteration of the in-process runner and of the Spark runner, and their ratio. Two modes:
 * <ul>
 *   <li>{@code jobs/benchmark [agents] [dim-y] [iterations] [master]}: SLDBO on the quadratic problem at a
 *       chosen size (64 agents on an 8x8 torus, dim-y 200, 100 timed iterations, local[2] by default);</li>
 *   <li>{@code jobs/benchmark --config FILE [--iterations N] [--algorithm LABEL|INDEX] [--runner R]
 *       [--master M] [--set key=value]...}: the configuration's first algorithm (or the chosen one), with
 *       its problem, graphs and algorithm built exactly as {@code jobs/run} builds them ({@link Experiment}).</li>
 * </ul>
 * Timing: {@link IterationTimer} (warm-up, then blocks that end with the per-agent reports). A measurement
 * tool, not a test. Output lines (parsed by BenchmarkTest): {@code in-process: median X ms per iteration},
 * {@code spark MASTER: median X ms per iteration (...)}, {@code ratio spark / in-process: R}.
 */
@Command(name = "jobs/benchmark", mixinStandardHelpOptions = true,
    description = "Median time per iteration of the in-process and the Spark runner, and their ratio.")
public final class Benchmark implements Callable<Integer> {
  @Parameters(arity = "0..4", paramLabel = "ARG",
      description = "Without --config: [agents=64] [dim-y=200] [iterations=100] [master=local[2]] of the quadratic"
          + " problem (dim-x = dim-y / 2, torus when agents is a square, else ring)")
  List<String> positional = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "Time an experiment configuration's algorithm instead")
  Path config;

  @Option(names = "--iterations", paramLabel = "N",
      description = "Timed iterations (rounded down to whole blocks; default 100, or the third positional)")
  Integer iterations;

  @Option(names = "--algorithm", paramLabel = "LABEL|INDEX",
      description = "With --config: the algorithm's label or 0-based index (default: the first)")
  String algorithm;

  @Option(names = "--runner", paramLabel = "R", description = "in-process, spark or both (default ${DEFAULT-VALUE})")
  String runner = "both";

  @Option(names = "--master", paramLabel = "M", description = "Spark master (default local[2], or the fourth positional)")
  String master;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "With --config: override a key, as jobs/run does")
  List<String> overrides = new ArrayList<>();

  /**
   * Untimed iterations before the timing, by default: Spark's scheduler code is still being JIT-compiled after
   * 20 iterations (a C2 compiler thread busy 28% of the time at 100 iterations of Fashion-MNIST); the
   * quickstart-size Spark figure went 41, 33, 26 ms per iteration after 20, 100, 300 (docs/performance.md).
   */
  static final int WARMUP = 300;

  @Option(names = "--task-stats", description = "Also print the Spark tasks' summed metrics (run, CPU, deserialization,"
      + " GC, launch to end) over the Spark runner's warm-up and timed iterations")
  boolean taskStats;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed iterations first (default ${DEFAULT-VALUE})")
  int warmup = WARMUP;

  @Option(names = "--block", paramLabel = "N",
      description = "Iterations per timed block, each ending with the per-agent reports (default ${DEFAULT-VALUE})")
  int block = 10;

  @Option(names = "--spark-defaults", paramLabel = "FILE",
      description = "Spark properties applied where not already set, as jobs/run does (jobs/benchmark passes"
          + " conf/spark-defaults.conf)")
  Path sparkDefaults;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command and returns its exit code (2 for a bad option), without exiting. */
  static int execute(String... args) {
    CommandLine cli = new CommandLine(new Benchmark());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
      return 2;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (!List.of("in-process", "spark", "both").contains(runner)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--runner " + runner
          + " is not one of in-process, spark, both");
    }
    if (config != null && !positional.isEmpty()) {
      throw new CommandLine.ParameterException(new CommandLine(this), "positional arguments " + positional
          + " are for the quadratic mode; with --config use --iterations and --master");
    }
    int timed = iterations != null ? iterations : positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 100;
    String sparkMaster = master != null ? master : positional.size() > 3 ? positional.get(3) : "local[2]";
    if (timed < block) block = Math.max(1, timed);
    int blocks = Math.max(1, timed / block);
    return config != null ? configured(sparkMaster, blocks) : quadratic(sparkMaster, blocks);
  }

  /** The quadratic mode: SLDBO with steps 0.01/L, 0.02/L, 0.02/L, checkpoint every -Ddbo.checkpointEvery (10). */
  private int quadratic(String sparkMaster, int blocks) throws Exception {
    int agents = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 64;
    int dimY = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 200;
    int dimX = Math.max(1, dimY / 2);
    QuadraticProblem problem = new QuadraticProblem(agents, dimX, dimY, 0.1, 1.0, 2 * dimY, Heterogeneity.SEVERE,
        false, 1);
    int side = (int) Math.round(Math.sqrt(agents));
    MixingPlan plan = side * side == agents
        ? MixingPlan.single(MixingWeights.metropolis(Graphs.torus(side, side)))
        : MixingPlan.single(MixingWeights.metropolis(Graphs.ring(agents)));
    double l = problem.smoothness();
    Sldbo sldbo = new Sldbo("SLDBO", new StepSizes(0.01 / l, 0.02 / l, 0.02 / l, Double.POSITIVE_INFINITY));
    System.out.printf(Locale.ROOT, "problem: quadratic, %d agents, dim-x %d, dim-y %d, %s; %d timed iterations%n",
        agents, dimX, dimY, plan.upper().description(), blocks * block);
    int checkpointEvery = Integer.getInteger("dbo.checkpointEvery", 10);
    compare(problem, plan, sldbo, checkpointEvery, sparkMaster, blocks, null);
    return 0;
  }

  /** The --config mode: the experiment built as a run builds it, one of its algorithms timed. */
  private int configured(String sparkMaster, int blocks) throws Exception {
    boolean spark = !runner.equals("in-process");
    List<String> sets = new ArrayList<>();
    // On Spark the run estimates a remote-data problem's smoothness on the executors; in-process, in this JVM.
    sets.add("runner = " + (spark ? "spark" : "in-process"));
    sets.add("spark.master=" + sparkMaster);
    sets.addAll(overrides);
    ExperimentConfig cfg = ConfigLoader.load(config, sets);
    if (cfg.grid().isGrid()) {
      throw new CommandLine.ParameterException(new CommandLine(this), config + " is a grid; time one of its"
          + " experiments by fixing its grid keys in a config without a grid section");
    }
    Path work = Files.createTempDirectory("dbo-benchmark");
    SparkSession session = spark ? Sessions.open(cfg, sparkDefaults, "dbo-benchmark " + config, work) : null;
    try {
      JavaSparkContext jsc = session == null ? null : JavaSparkContext.fromSparkContext(session.sparkContext());
      if (jsc != null) jsc.setLogLevel("WARN");
      Experiment e = Experiment.of(cfg, jsc);
      int index = algorithmIndex(e);
      AgentAlgorithm<?> a = e.algorithms().get(index);
      ProblemSpec p = e.problem();
      System.out.printf(Locale.ROOT, "config: %s; algorithm %d of %d: %s; problem: %s, %d agents, dim-x %d, dim-y %d;"
              + " x graph: %s; %d timed iterations in blocks of %d after %d warm-up; load %s%n", config, index,
          e.algorithms().size(), a.label(), p.name(), p.agents(), p.dimX(), p.dimY(),
          e.plans().get(index).upper().description(), blocks * block, block, warmup, load());
      compare(p, e.plans().get(index), a, cfg.run().checkpointEvery(), sparkMaster, blocks, jsc);
    } finally {
      if (session != null) session.stop();
      ResultDirectory.deleteTree(work);
    }
    return 0;
  }

  private int algorithmIndex(Experiment e) {
    if (algorithm == null) return 0;
    List<String> labels = e.algorithms().stream().map(AgentAlgorithm::label).toList();
    int byLabel = labels.indexOf(algorithm);
    if (byLabel >= 0) return byLabel;
    try {
      int i = Integer.parseInt(algorithm);
      if (i >= 0 && i < labels.size()) return i;
    } catch (NumberFormatException ignored) {
      // not an index: reported below with the labels
    }
    throw new CommandLine.ParameterException(new CommandLine(this), "--algorithm " + algorithm
        + " is neither a label nor an index in [0, " + labels.size() + "); labels: " + labels);
  }

  /**
   * Times {@code a} on the runners of {@link #runner} and prints the medians and their ratio.
   *
   * @param jsc the Spark context to run on, or null to start one on {@code sparkMaster} (quadratic mode)
   */
  private void compare(ProblemSpec problem, MixingPlan plan, AgentAlgorithm<?> a, int checkpointEvery,
                       String sparkMaster, int blocks, JavaSparkContext jsc) throws Exception {
    double inProcess = Double.NaN;
    double cpu = 0;
    if (!runner.equals("spark")) {
      try (EnginePool pool = new EnginePool(problem, null, checkpointEvery)) {
        IterationTimer.Timing t = IterationTimer.time(pool.engine(plan), a, warmup, block, blocks);
        inProcess = Vectors.median(t.secondsPerIteration());
        cpu = t.cpuSeconds() / (blocks * block);
      }
      System.out.printf(Locale.ROOT, "in-process: median %.3f ms per iteration (%d blocks; process CPU %.1f ms per"
          + " iteration; load %s)%n", inProcess * 1e3, blocks, cpu * 1e3, load());
    }
    if (runner.equals("in-process")) return;
    boolean own = jsc == null;
    Path dir = null;
    if (own) {
      // The quadratic mode's context has no defaults file, so old figures stay comparable: the tools' settings.
      jsc = new JavaSparkContext(dbo.job.run.Sessions.tool(sparkMaster, "dbo-benchmark"));
      jsc.setLogLevel("WARN");
      dir = Files.createTempDirectory("dbo-benchmark");
      jsc.setCheckpointDir(dir.toString());
    }
    TaskStats stats = new TaskStats();
    if (taskStats) jsc.sc().addSparkListener(stats);
    try (EnginePool pool = new EnginePool(problem, jsc, checkpointEvery)) {
      stats.reset();
      long tw = System.nanoTime();
      IterationTimer.Timing t = IterationTimer.time(pool.engine(plan), a, warmup, block, blocks);
      double s = Vectors.median(t.secondsPerIteration());
      System.out.printf(Locale.ROOT, "spark %s: median %.3f ms per iteration (%d blocks, checkpoint every %d,"
          + " metrics every %d; process CPU %.1f ms per iteration; load %s)%n", sparkMaster, s * 1e3, blocks,
          checkpointEvery, block, t.cpuSeconds() / (blocks * block) * 1e3, load());
      if (!Double.isNaN(inProcess)) System.out.printf(Locale.ROOT, "ratio spark / in-process: %.1f%n", s / inProcess);
      if (taskStats) {
        // The listener bus delivers events asynchronously: let it catch up before reading the sums.
        jsc.sc().listenerBus().waitUntilEmpty();
        System.out.println(stats.line((System.nanoTime() - tw) / 1e9));
      }
    } finally {
      if (taskStats) jsc.sc().removeSparkListener(stats);
      if (own) {
        jsc.stop();
        ResultDirectory.deleteTree(dir);
      }
    }
  }

  /** The 1-minute load average, as uptime prints it. */
  static String load() {
    return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
