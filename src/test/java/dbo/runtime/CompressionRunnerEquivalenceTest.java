package dbo.runtime;

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

  @Test
  void sparkMatchesInProcessBitForBitForEveryCompressor() {
    Fixtures.assertSparkMatchesInProcess(PROBLEM, PLAN, Fixtures.loop(6, 3), 5, algorithms());
  }
}
