package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.job.config.AlgorithmConfig;
import dbo.job.config.ConfigLoader;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * S3LDBO with {@code refresh = adaptive} gives the same bits on the Spark runner as in process (the pattern of
 * {@link AlgorithmRunnerEquivalenceTest}, whose registry-driven list builds S3LDBO with its default rule):
 * outputs snapshots with full-shard oracles and operator snapshots with mini-batches of 7, with a threshold low enough that agents
 * refresh on some iterations and not on others within the 12 iterations, so the rule's memory (snapshot
 * point and running scale) travels in the Spark slots and decides.
 */
@LocalSpark.Shared
class AdaptiveRefreshRunnerEquivalenceTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(4, Heterogeneity.SEVERE, 13);
  private static final MixingPlan PLAN = new MixingPlan(MixingWeights.metropolis(Graphs.ring(4)),
      MixingWeights.metropolis(Graphs.full(4)).lazy());

  /** Outputs snapshots with full-shard oracles; operator snapshots with batches of 7 (stochastic oracles). */
  static List<AgentAlgorithm<?>> algorithms() {
    List<AgentAlgorithm<?>> out = new ArrayList<>();
    for (String[] variant : new String[][] {{"outputs", "0"}, {"operators", "7"}}) {
      AlgorithmConfig a = ConfigLoader.parse("algorithm-defaults { alpha = 0.02, beta = 0.02, gamma = 0.02,"
          + " scale-by-smoothness = false, refresh = adaptive, drift-threshold = 3, drift-weight = 0.5,"
          + " snapshot = " + variant[0] + ", batch = " + variant[1] + " }\nalgorithms = [ { type = s3ldbo } ]",
          List.of()).algorithms().get(0);
      AlgorithmConfig labelled = new AlgorithmConfig(a.type(), a.label() + "(" + variant[0] + ", batch "
          + variant[1] + ")", a.common(), a.method());
      out.add(labelled.build("", PROBLEM, PROBLEM.smoothness(), 5, () -> true));
    }
    return out;
  }

  @Test
  void sparkMatchesInProcessBitForBit() {
    List<AgentAlgorithm<?>> algorithms = algorithms();
    List<List<MetricsRow>> reference =
        Fixtures.assertSparkMatchesInProcess(PROBLEM, PLAN, Fixtures.loop(12, 4), 5, algorithms);
    for (int a = 0; a < algorithms.size(); a++) {
      String label = algorithms.get(a).label();
      // Not vacuous: the rule both fired and held back over the run (fractions strictly between 0 and 1).
      double refreshed = reference.get(a).stream().skip(1).mapToDouble(MetricsRow::refreshedFraction).sum();
      long rows = reference.get(a).size() - 1;
      assertTrue(refreshed > 0 && refreshed < rows, label + ": refreshed fractions sum to " + refreshed + " over " + rows);
    }
  }
}
