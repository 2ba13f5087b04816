package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;
import dbo.job.config.AlgorithmConfig;
import dbo.job.config.AlgorithmType;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.job.config.SectionReader;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.util.ArrayList;
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

  /**
   * Every registered method, deterministic and with batches of 7, built from its config entry as a job
   * builds it (steps 0.02 unscaled, theta 0.5, S3LDBO with operator snapshots and p = 0.5, two inner steps
   * for MA-DSBO-GT), so that a newly registered method is covered without editing this test.
   */
  static List<AgentAlgorithm<?>> algorithms() {
    List<AgentAlgorithm<?>> out = new ArrayList<>();
    for (AlgorithmType type : AlgorithmType.values()) {
      for (int batch : new int[] {0, 7}) {
        ExperimentConfig c = ConfigLoader.parse("algorithm-defaults { alpha = 0.02, beta = 0.02, gamma = 0.02,"
            + " scale-by-smoothness = false, theta = 0.5, p = 0.5, snapshot = operators, inner-y-steps = 2,"
            + " inner-z-steps = 2, batch = " + batch + " }\nalgorithms = [ { type = "
            + SectionReader.spelling(type) + " } ]", List.of());
        AlgorithmConfig a = c.algorithms().get(0);
        // A method tied to another kind of problem (single-level ED, d-maml) is run by that problem's tests.
        if (!a.method().runsOn(PROBLEM)) continue;
        AlgorithmConfig labelled = new AlgorithmConfig(a.type(), a.label() + (batch == 0 ? "" : "(batch " + batch + ")"),
            a.common(), a.method());
        out.add(labelled.build("", PROBLEM, PROBLEM.smoothness(), 5, () -> true));
      }
    }
    return out;
  }

  @Test
  void sparkMatchesInProcessBitForBitForEveryAlgorithm() {
    Fixtures.assertSparkMatchesInProcess(PROBLEM, PLAN, Fixtures.loop(12, 4), 5, algorithms());
  }
}
