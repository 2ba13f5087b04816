package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Sparkle;
import dbo.algorithm.SparkleVariant;
import dbo.algorithm.Strategy;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-level communication accounting: with a ring (6 edges) for x and the complete graph (15 edges) for
 * y, z, each round sends 2 * edges * length floats on each graph, and a level whose part of the round is
 * empty sends nothing there.
 */
class CommunicationCountTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(6, Heterogeneity.MILD, 2);
  private static final MixingPlan PLAN = new MixingPlan(MixingWeights.metropolis(Graphs.ring(6)),
      MixingWeights.metropolis(Graphs.full(6)));
  private static final long RING_EDGES = 6;
  private static final long FULL_EDGES = 15;

  private static MetricsRow lastRow(AgentAlgorithm<?> a, long k) {
    return new IterationLoop(PROBLEM, PLAN, Fixtures.loop(k, 1), Fixtures.SILENT)
        .run(new InProcessEngine(PROBLEM, PLAN), a).last();
  }

  @Test
  void sldboSendsXAndItsTrackerOnTheXGraphAndFourVectorsOnTheOther() {
    int p = PROBLEM.dimX();
    int q = PROBLEM.dimY();
    long k = 4;
    MetricsRow r = lastRow(Fixtures.sldbo(), k);
    assertEquals(List.of(k, k, k), List.of(r.commRounds(), r.commRoundsX(), r.commRoundsYz()));
    assertEquals(k * 2 * RING_EDGES * 2 * p, r.floatsSentX());
    assertEquals(k * 2 * FULL_EDGES * 4 * q, r.floatsSentYz());
    assertEquals(r.floatsSentX() + r.floatsSentYz(), r.floatsSent());
  }

  @Test
  void gtOnXAndEdOnYzUsesTwoXRoundsAndOneYzRound() {
    int p = PROBLEM.dimX();
    int q = PROBLEM.dimY();
    long k = 3;
    MetricsRow r = lastRow(new Sparkle("SPARKLE-ED-GT", Fixtures.STEPS,
        new SparkleVariant(Strategy.ED, Strategy.GT), 0.5, 1, 0), k);
    assertEquals(2 * k, r.commRounds());
    assertEquals(2 * k, r.commRoundsX());
    assertEquals(k, r.commRoundsYz());
    assertEquals(k * 2 * (2 * RING_EDGES * p), r.floatsSentX());
    assertEquals(k * 2 * FULL_EDGES * 2 * q, r.floatsSentYz());
    assertEquals(r.floatsSentX() + r.floatsSentYz(), r.floatsSent());
  }

  @Test
  void columnsAndValuesAgree() {
    MetricsRow r = lastRow(Fixtures.sldbo(), 1);
    assertEquals(MetricsRow.COLUMNS.size(), r.values().size());
    assertEquals(r.floatsSentYz(), r.values().get(MetricsRow.COLUMNS.indexOf("floats_sent_yz")));
    assertEquals(r.commRounds(), r.values().get(MetricsRow.COLUMNS.indexOf("comm_rounds")));
  }
}
