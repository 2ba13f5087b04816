package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.AgentState;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.linalg.Vectors;
import dbo.problem.Heterogeneity;
import dbo.problem.PolicyEvaluationProblem;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Decentralized policy evaluation on both runners: every registered method (single-level ED included),
 * deterministic and with mini-batches, gives the same bits on Spark, whose executors build the shards, as in
 * process (every method on two cores, three of them also on one and four); and SLDBO with exact oracles on a fully connected graph reaches the
 * closed-form TD fixed point x* = A^{-1} b, as does single-level ED.
 */
class PolicyEvaluationRunnerTest {
  private static final PolicyEvaluationProblem PROBLEM =
      new PolicyEvaluationProblem(4, 25, 4, 0.7, 0.2, 40, 50, Heterogeneity.SEVERE, true, 17);
  private static final MixingPlan PLAN = new MixingPlan(MixingWeights.metropolis(Graphs.ring(4)),
      MixingWeights.metropolis(Graphs.full(4)).lazy());

  /** Every registered method that runs on policy evaluation, steps 0.05 ({@link Fixtures#registered}). */
  private static List<AgentAlgorithm<?>> algorithms() {
    return Fixtures.registered(PROBLEM, 0.05);
  }

  private static List<List<MetricsRow>> run(Engine engine, List<AgentAlgorithm<?>> algorithms) {
    IterationLoop loop = new IterationLoop(PROBLEM, PLAN, Fixtures.loop(6, 3), Fixtures.SILENT);
    List<List<MetricsRow>> out = new ArrayList<>();
    for (AgentAlgorithm<?> a : algorithms) out.add(Fixtures.comparable(loop.run(engine, a)));
    return out;
  }

  private static List<List<MetricsRow>> inProcess(List<AgentAlgorithm<?>> algorithms) {
    try (Engine e = new InProcessEngine(PROBLEM, PLAN)) {
      return run(e, algorithms);
    }
  }

  private static void assertSame(List<AgentAlgorithm<?>> algorithms, List<List<MetricsRow>> reference,
      List<List<MetricsRow>> spark, String master) {
    for (int a = 0; a < algorithms.size(); a++) {
      assertEquals(reference.get(a), spark.get(a), algorithms.get(a).label() + ": Spark on " + master
          + " differs from in-process");
    }
  }

  /** Every method on local[2] (one Spark job per round, so a short run). */
  @Test
  void sparkMatchesInProcessBitForBitForEveryMethod() {
    List<AgentAlgorithm<?>> algorithms = algorithms();
    List<List<MetricsRow>> reference = inProcess(algorithms);
    // The runs report the policy-evaluation metrics and move.
    for (List<MetricsRow> rows : reference) {
      MetricsRow first = rows.get(0);
      MetricsRow last = rows.get(rows.size() - 1);
      assertTrue(Double.isFinite(last.objective()) && Double.isFinite(last.testLoss())
          && Double.isFinite(last.testError()), last.toString());
      assertTrue(last.estimationError() != first.estimationError(), last.algorithm() + " did not move");
    }
    JavaSparkContext jsc = LocalSpark.start("local[2]");
    try (Engine e = new SparkEngine(jsc, PROBLEM, PLAN, 4)) {
      assertSame(algorithms, reference, run(e, algorithms), "local[2]");
    } finally {
      jsc.stop();
    }
  }

  /** SLDBO, SPARKLE-ED and single-level ED, with mini-batches, on one and four cores. */
  @Test
  void sparkDoesNotDependOnItsCores() {
    List<AgentAlgorithm<?>> algorithms = algorithms().stream().filter(a -> a.label().equals("SLDBO(batch 7)")
        || a.label().equals("SPARKLE-ED(batch 7)") || a.label().equals("single-level ED(batch 7)")).toList();
    assertEquals(3, algorithms.size());
    List<List<MetricsRow>> reference = inProcess(algorithms);
    for (String master : List.of("local[1]", "local[4]")) {
      JavaSparkContext jsc = LocalSpark.start(master);
      try (Engine e = new SparkEngine(jsc, PROBLEM, PLAN, 4)) {
        assertSame(algorithms, reference, run(e, algorithms), master);
      } finally {
        jsc.stop();
      }
    }
  }

  @Test
  void sldboAndSingleLevelEdReachTheClosedFormSolutionOnAFullGraph() {
    MixingPlan full = Fixtures.full(4);
    double[] xStar = PROBLEM.solution().orElseThrow();
    for (String type : List.of("sldbo", "single-level-ed")) {
      ExperimentConfig c = ConfigLoader.parse("algorithm-defaults { alpha = 0.1, beta = 0.3, gamma = 0.3 }\n"
          + "algorithms = [ { type = " + type + " } ]", List.of());
      AgentAlgorithm<?> algorithm = c.algorithms().get(0).build("", PROBLEM, PROBLEM.smoothness(), 1, () -> true);
      IterationLoop loop = new IterationLoop(PROBLEM, full, new LoopSettings(20000, 10, 1e-8, 1e12, 1e9),
          Fixtures.SILENT);
      try (InProcessEngine engine = new InProcessEngine(PROBLEM, full)) {
        RunResult r = loop.run(engine, algorithm);
        assertEquals(Outcome.CONVERGED, r.outcome(), type + ": " + r.last());
        double error = 0;
        for (AgentState s : engine.states()) error += Vectors.distanceSquared(s.x(), xStar);
        assertTrue(error <= 1e-8, type + ": sum_i ||x_i - x*||^2 = " + error);
        assertTrue(r.rows().get(0).estimationError() > 1e-2, type + " started at the solution");
        // The training MSPBE F(x) = (1/n) sum_i f_i(x, y*(x)) vanishes at x*.
        assertTrue(r.last().objective() <= 1e-6 * r.rows().get(0).objective(), type + ": objective "
            + r.last().objective() + " from " + r.rows().get(0).objective());
        System.out.printf("%s on the full graph: %d iterations to sum_i ||x_i - x*||^2 = %.2e%n", type,
            r.iterations(), error);
      }
    }
  }
}
