package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbo.algorithm.AgentAlgorithm;
import dbo.job.config.ConfigLoader;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compressed messages give the same bits on the Spark runner as in-process, for every compressor, the
 * random ones included (their streams are keyed by (seed, agent, purpose, message counter)), on methods
 * with one round (SLDBO), two rounds (SPARKLE-GT) and rounds with an empty part (MA-DSBO-GT), over the
 * two-graph plan of {@link AlgorithmRunnerEquivalenceTest}.
 */
@LocalSpark.Shared
class CompressionRunnerEquivalenceTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(4, Heterogeneity.SEVERE, 13);
  private static final MixingPlan PLAN = new MixingPlan(MixingWeights.metropolis(Graphs.ring(4)),
      MixingWeights.metropolis(Graphs.full(4)).lazy());

  static List<AgentAlgorithm<?>> algorithms() {
    List<AgentAlgorithm<?>> out = new ArrayList<>();
    // Every compressor, the random ones on the methods with several rounds or snapshots.
    String[] entries = {"type = sldbo, compression = top-k, compression-k = 0.3",
        "type = sldbo, compression = random-k, error-feedback = false, consensus-step = 0.7",
        "type = sparkle-gt, compression = random-k, compression-k = 0.3",
        "type = ma-dsbo-gt, inner-y-steps = 1, inner-z-steps = 1, compression = quantize, compression-bits = 3",
        "type = s3ldbo, p = 0.5, compression = random-k, compression-k = 0.3"};
    for (String e : entries) {
      out.add(ConfigLoader.parse("algorithm-defaults { alpha = 0.02, beta = 0.02, gamma = 0.02,"
          + " scale-by-smoothness = false, theta = 0.5 }\nalgorithms = [ { " + e + " } ]", List.of())
          .algorithms().get(0).build("", PROBLEM, PROBLEM.smoothness(), 5, () -> true));
    }
    return out;
  }

  private static List<List<MetricsRow>> runAll(Engine engine) {
    IterationLoop loop = new IterationLoop(PROBLEM, PLAN, Fixtures.loop(6, 3), Fixtures.SILENT);
    List<List<MetricsRow>> out = new ArrayList<>();
    for (AgentAlgorithm<?> a : algorithms()) out.add(Fixtures.comparable(loop.run(engine, a)));
    return out;
  }

  @Test
  void sparkMatchesInProcessBitForBitForEveryCompressor() {
    List<List<MetricsRow>> reference;
    try (Engine e = new InProcessEngine(PROBLEM, PLAN)) {
      reference = runAll(e);
    }
    List<List<MetricsRow>> spark;
    try (Engine e = new SparkEngine(LocalSpark.shared(), PROBLEM, PLAN, 5)) {
      spark = runAll(e);
    }
    List<AgentAlgorithm<?>> algorithms = algorithms();
    for (int a = 0; a < algorithms.size(); a++) {
      assertEquals(reference.get(a), spark.get(a), algorithms.get(a) + ": Spark differs from in-process");
    }
  }
}
