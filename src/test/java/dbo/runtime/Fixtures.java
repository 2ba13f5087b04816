package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.RefreshRule;
import dbo.algorithm.Sldbo;
import dbo.algorithm.SnapshotMode;
import dbo.algorithm.SnapshotSldbo;
import dbo.algorithm.StepSizes;
import dbo.job.config.AlgorithmConfig;
import dbo.job.config.AlgorithmType;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.job.config.SectionReader;
import dbo.problem.Heterogeneity;
import dbo.problem.ProblemSpec;
import dbo.problem.QuadraticProblem;
import dbo.topology.Graphs;
import dbo.topology.MixingMatrix;
import dbo.topology.MixingWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Small problems, graphs and algorithm settings shared by the runtime and algorithm tests. */
public final class Fixtures {
  /**
   * Steps (absolute) that converge on {@link #quadratic} for the graphs the tests use. Measured on the 4x4
   * torus: beta = gamma >= 0.03 diverge there, because gradient tracking with a W whose smallest
   * eigenvalue is -0.6 needs a small lower-level step.
   */
  public static final StepSizes STEPS = new StepSizes(0.02, 0.02, 0.02, Double.POSITIVE_INFINITY);
  public static final Consumer<String> SILENT = s -> { };

  private Fixtures() {}

  public static QuadraticProblem quadratic(int agents, Heterogeneity h, long seed) {
    return new QuadraticProblem(agents, 5, 8, 1.0, 1.0, 40, h, false, seed);
  }

  public static MixingPlan torus(int rows, int cols) {
    return MixingPlan.single(MixingWeights.metropolis(Graphs.torus(rows, cols)));
  }

  public static MixingPlan full(int n) {
    return MixingPlan.single(MixingWeights.metropolis(Graphs.full(n)));
  }

  public static MixingPlan ring(int n) {
    MixingMatrix w = MixingWeights.metropolis(Graphs.ring(n));
    return MixingPlan.single(w);
  }

  public static AgentAlgorithm<?> sldbo() {
    return new Sldbo("SLDBO", STEPS);
  }

  public static AgentAlgorithm<?> s3ldbo(double p, long seed) {
    return new SnapshotSldbo("S3LDBO(p=" + p + ")", STEPS, RefreshRule.BERNOULLI, p, 1, false,
        SnapshotMode.OUTPUTS, seed);
  }

  public static LoopSettings loop(long iterations, int logEvery) {
    return new LoopSettings(iterations, logEvery, 0.0, 1e12, 1e9);
  }

  /**
   * Runs every algorithm of {@code algorithms} in process, then on Spark (the shared local context,
   * checkpointing every {@code checkpointEvery} iterations), asserts that their metrics rows are equal bit for
   * bit (wall time aside), and returns the in-process rows, one list per algorithm.
   */
  public static List<List<MetricsRow>> assertSparkMatchesInProcess(ProblemSpec problem, MixingPlan plan,
      LoopSettings settings, int checkpointEvery, List<AgentAlgorithm<?>> algorithms) {
    List<List<MetricsRow>> reference;
    try (Engine e = new InProcessEngine(problem, plan)) {
      reference = runAll(problem, plan, settings, algorithms, e);
    }
    List<List<MetricsRow>> spark;
    try (Engine e = new SparkEngine(LocalSpark.shared(), problem, plan, checkpointEvery)) {
      spark = runAll(problem, plan, settings, algorithms, e);
    }
    for (int a = 0; a < algorithms.size(); a++) {
      assertEquals(reference.get(a), spark.get(a), algorithms.get(a).label() + ": Spark differs from in-process");
    }
    return reference;
  }

  private static List<List<MetricsRow>> runAll(ProblemSpec problem, MixingPlan plan, LoopSettings settings,
      List<AgentAlgorithm<?>> algorithms, Engine engine) {
    IterationLoop loop = new IterationLoop(problem, plan, settings, SILENT);
    List<List<MetricsRow>> out = new ArrayList<>();
    for (AgentAlgorithm<?> a : algorithms) out.add(comparable(loop.run(engine, a)));
    return out;
  }

  /**
   * Every registered method that runs on {@code problem}, deterministic and with batches of 7, built from its
   * config entry as a job builds it (alpha = beta = gamma = {@code step} unscaled, theta 0.5, S3LDBO with
   * operator snapshots and p = 0.5, two inner steps for MA-DSBO-GT, 5 terms for MDBO), so that a newly
   * registered method is covered without editing the tests that use it. Methods tied to another kind of
   * problem ({@code AlgorithmSettings.runsOn}) are left to that problem's tests.
   */
  public static List<AgentAlgorithm<?>> registered(ProblemSpec problem, double step) {
    List<AgentAlgorithm<?>> out = new ArrayList<>();
    for (AlgorithmType type : AlgorithmType.values()) {
      for (int batch : new int[] {0, 7}) {
        ExperimentConfig c = ConfigLoader.parse("algorithm-defaults { alpha = " + step + ", beta = " + step
            + ", gamma = " + step + ", scale-by-smoothness = false, theta = 0.5, p = 0.5, snapshot = operators,"
            + " inner-y-steps = 2, inner-z-steps = 2, batch = " + batch + " }\nalgorithms = [ { type = "
            + SectionReader.spelling(type) + " } ]", List.of());
        AlgorithmConfig a = c.algorithms().get(0);
        if (!a.method().runsOn(problem)) continue;
        AlgorithmConfig labelled = new AlgorithmConfig(a.type(), a.label() + (batch == 0 ? "" : "(batch " + batch + ")"),
            a.common(), a.method());
        out.add(labelled.build("", problem, problem.smoothness(), 5, () -> true));
      }
    }
    return out;
  }

  /** Rows without wall time, for bit-for-bit comparisons. */
  public static List<MetricsRow> comparable(RunResult r) {
    return r.rows().stream().map(MetricsRow::withoutWallTime).toList();
  }
}
