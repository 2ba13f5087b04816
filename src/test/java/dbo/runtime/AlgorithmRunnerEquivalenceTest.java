package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;
import dbo.job.config.AlgorithmType;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every registered algorithm ({@link AlgorithmType}), deterministic and with mini-batches, gives the same bits
 * on the Spark runner as in-process (the pattern of {@link RunnerEquivalenceTest}), on a plan whose x graph
 * (ring, Metropolis) differs from its y, z graph (complete, lazy), so both message parts and empty parts
 * travel. Short runs on one local master, since each Spark round costs a shuffle.
 */
@LocalSpark.Shared
class AlgorithmRunnerEquivalenceTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(4, Heterogeneity.SEVERE, 13);
  private static final MixingPlan PLAN = new MixingPlan(MixingWeights.metropolis(Graphs.ring(4)),
      MixingWeights.metropolis(Graphs.full(4)).lazy());

  /** Every registered method, steps 0.02 ({@link Fixtures#registered}). */
  static List<AgentAlgorithm<?>> algorithms() {
    return Fixtures.registered(PROBLEM, 0.02);
  }

  @Test
  void sparkMatchesInProcessBitForBitForEveryAlgorithm() {
    Fixtures.assertSparkMatchesInProcess(PROBLEM, PLAN, Fixtures.loop(12, 4), 5, algorithms());
  }
}
