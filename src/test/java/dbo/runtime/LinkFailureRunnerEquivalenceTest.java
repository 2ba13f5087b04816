package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbo.algorithm.AgentAlgorithm;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.topology.GraphSchedule;
import dbo.topology.LinkFailures;
import dbo.topology.TimeVaryingMixing;
import dbo.topology.TopologyKind;
import dbo.topology.TopologySpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Spark runner gives the in-process runner's bits on time-varying graphs (algorithms built as
 * {@link AlgorithmRunnerEquivalenceTest} builds them): the x graph a ring whose links fail with q = 0.3,
 * the y, z graph the complete graph, lazy, on the alternating schedule with q = 0.2 on top; and the one-peer
 * exponential schedule. Each Spark task computes its own row of W_k; nothing but the plan is broadcast.
 * By default three methods (one round; two rounds; a stochastic refresh with mini-batches); every
 * registered method, deterministic and with mini-batches, in the slow-tagged test (about a minute on a
 * loaded machine).
 */
@LocalSpark.Shared
class LinkFailureRunnerEquivalenceTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(4, Heterogeneity.SEVERE, 13);

  private static TimeVaryingMixing level(TopologySpec spec, GraphSchedule schedule, double q) {
    return TimeVaryingMixing.of(spec, spec.build(), schedule, new LinkFailures(q, 21));
  }

  private static void assertSameBits(MixingPlan plan, List<AgentAlgorithm<?>> algorithms) {
    Fixtures.assertSparkMatchesInProcess(PROBLEM, plan, Fixtures.loop(8, 4), 5, algorithms);
  }

  private static MixingPlan failing() {
    return new MixingPlan(level(TopologySpec.of(TopologyKind.RING, 4), GraphSchedule.STATIC, 0.3),
        level(TopologySpec.of(TopologyKind.FULL, 4).withLazy(true), GraphSchedule.ALTERNATE, 0.2));
  }

  @Test
  void failingLinksAndAnAlternatingScheduleGiveTheSameBitsOnBothRunners() {
    java.util.Map<String, AgentAlgorithm<?>> byLabel = new java.util.LinkedHashMap<>();
    for (AgentAlgorithm<?> a : AlgorithmRunnerEquivalenceTest.algorithms()) {
      String l = a.label();
      boolean batch = l.contains("(batch");
      if ((l.startsWith("S3LDBO") && batch) || (!batch && (l.equals("SLDBO") || l.equals("SPARKLE-GT")))) {
        byLabel.putIfAbsent(l, a);
      }
    }
    List<AgentAlgorithm<?>> some = new ArrayList<>(byLabel.values());
    assertEquals(3, some.size(), some.stream().map(AgentAlgorithm::label).toList().toString());
    assertSameBits(failing(), some);
  }

  @Test
  @org.junit.jupiter.api.Tag("slow")
  void everyAlgorithmGivesTheSameBitsOnBothRunnersWithFailingLinks() {
    assertSameBits(failing(), AlgorithmRunnerEquivalenceTest.algorithms());
  }

  @Test
  void theOnePeerExponentialScheduleGivesTheSameBitsOnBothRunners() {
    TimeVaryingMixing w = level(TopologySpec.of(TopologyKind.EXPONENTIAL, 4), GraphSchedule.ONE_PEER_EXPONENTIAL, 0.0);
    assertSameBits(new MixingPlan(w, w), List.of(Fixtures.sldbo()));
  }
}
