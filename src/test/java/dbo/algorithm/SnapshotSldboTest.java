package dbo.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.linalg.Vectors;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.runtime.Fixtures;
import dbo.runtime.InProcessEngine;
import dbo.runtime.IterationLoop;
import dbo.runtime.LoopSettings;
import dbo.runtime.MixingPlan;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** S3LDBO (ALGORITHMS.md section 5): reduction to SLDBO, oracle savings, tracking invariant. */
class SnapshotSldboTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(16, Heterogeneity.SEVERE, 5);
  private static final MixingPlan TORUS = Fixtures.torus(4, 4);

  private static SnapshotSldbo snapshot(RefreshRule rule, double p, int tau, SnapshotMode mode) {
    return new SnapshotSldbo("S3LDBO", Fixtures.STEPS, rule, p, tau, true, mode, 9);
  }

  /** Runs both algorithms side by side and compares every vector of every agent every iteration. */
  private static void assertBitIdenticalToSldbo(SnapshotSldbo s3) {
    InProcessEngine a = new InProcessEngine(PROBLEM, TORUS);
    InProcessEngine b = new InProcessEngine(PROBLEM, TORUS);
    a.start(new Sldbo("SLDBO", Fixtures.STEPS));
    b.start(s3);
    for (long k = 1; k <= 150; k++) {
      a.iterate(k);
      b.iterate(k);
      for (int i = 0; i < 16; i++) {
        SldboState sa = a.states(SldboState.class).get(i);
        SnapshotSldboState sb = b.states(SnapshotSldboState.class).get(i);
        // Outputs mode: S3LDBO's vectors are SLDBO's (x, y, z, v, p, u, s, r, h), in the same order.
        List<double[]> va = sa.vectors();
        List<double[]> vb = sb.vectors();
        assertEquals(va.size(), vb.size());
        for (int j = 0; j < va.size(); j++) {
          assertArrayEquals(va.get(j), vb.get(j), "agent " + i + " vector " + j + " at " + k);
        }
        assertEquals(sa.counts().toString(), sb.counts().toString());
      }
    }
  }

  @Test
  void bernoulliWithProbabilityOneIsSldboBitForBit() {
    assertBitIdenticalToSldbo(snapshot(RefreshRule.BERNOULLI, 1.0, 1, SnapshotMode.OUTPUTS));
  }

  @Test
  void sharedCoinWithProbabilityOneIsSldboBitForBit() {
    assertBitIdenticalToSldbo(snapshot(RefreshRule.SHARED_COIN, 1.0, 1, SnapshotMode.OUTPUTS));
  }

  @Test
  void periodWithTauOneIsSldboBitForBit() {
    assertBitIdenticalToSldbo(snapshot(RefreshRule.PERIODIC, 0.5, 1, SnapshotMode.OUTPUTS));
  }

  @Test
  void probabilityPointTwoReachesTheSameAccuracyWithAtMostThirtyPercentOfTheOracleCalls() {
    IterationLoop loop = new IterationLoop(PROBLEM, TORUS, new LoopSettings(6000, 10, 1e-8, 1e12, 1e9),
        Fixtures.SILENT);
    InProcessEngine engine = new InProcessEngine(PROBLEM, TORUS);
    RunResult sldbo = loop.run(engine, Fixtures.sldbo());
    RunResult s3 = loop.run(engine, snapshot(RefreshRule.BERNOULLI, 0.2, 1, SnapshotMode.OUTPUTS));
    assertEquals(Outcome.CONVERGED, sldbo.outcome());
    assertEquals(Outcome.CONVERGED, s3.outcome());
    assertTrue(s3.last().estimationError() <= 1e-8);
    double ratio = (double) s3.totals().total() / sldbo.totals().total();
    assertTrue(ratio <= 0.30, "S3LDBO(p=0.2) used " + ratio + " of SLDBO's oracle calls");
    // Communication is SLDBO's per iteration.
    assertEquals(s3.last().floatsSent() / s3.last().iteration(), sldbo.last().floatsSent() / sldbo.last().iteration());
  }

  @ParameterizedTest
  @EnumSource(SnapshotMode.class)
  void trackersKeepTheMeanOfTheSnapshotDirectionsEveryIteration(SnapshotMode mode) {
    InProcessEngine engine = new InProcessEngine(PROBLEM, TORUS);
    engine.start(snapshot(RefreshRule.BERNOULLI, 0.2, 1, mode));
    for (long k = 1; k <= 300; k++) {
      engine.iterate(k);
      List<SnapshotSldboState> states = engine.states(SnapshotSldboState.class);
      assertMeansAgree(states, SnapshotSldboState::s, SnapshotSldboState::v, "s vs v^", k);
      assertMeansAgree(states, SnapshotSldboState::r, SnapshotSldboState::p, "r vs p^", k);
      assertMeansAgree(states, SnapshotSldboState::h, SnapshotSldboState::u, "h vs u^", k);
    }
  }

  private static <S> void assertMeansAgree(List<S> states, Function<S, double[]> tracker,
      Function<S, double[]> direction, String what, long k) {
    int len = tracker.apply(states.get(0)).length;
    double[] meanTracker = new double[len];
    double[] meanDirection = new double[len];
    for (S s : states) {
      Vectors.addScaledInPlace(meanTracker, 1.0 / states.size(), tracker.apply(s));
      Vectors.addScaledInPlace(meanDirection, 1.0 / states.size(), direction.apply(s));
    }
    double gap = Math.sqrt(Vectors.distanceSquared(meanTracker, meanDirection));
    double scale = Math.max(1.0, Vectors.norm(meanDirection));
    assertTrue(gap <= 1e-11 * scale, what + " at iteration " + k + ": " + gap);
  }

  @Test
  void anAgentThatDoesNotRefreshComputesNoOracle() {
    InProcessEngine engine = new InProcessEngine(PROBLEM, TORUS);
    engine.start(snapshot(RefreshRule.BERNOULLI, 0.2, 1, SnapshotMode.OUTPUTS));
    long refreshes = 0;
    for (long k = 1; k <= 200; k++) engine.iterate(k);
    for (AgentState s : engine.states()) {
      // One evaluation at the start, then one per refresh, of every oracle type.
      long expected = 1 + s.refreshes();
      assertEquals(expected, s.counts().gradF);
      assertEquals(expected, s.counts().gradG);
      assertEquals(expected, s.counts().hvp);
      assertEquals(expected, s.counts().jvp);
      refreshes += s.refreshes();
    }
    double fraction = refreshes / (16.0 * 200);
    assertTrue(Math.abs(fraction - 0.2) < 0.03, "refreshed fraction " + fraction);
  }

  @Test
  void periodicStaggeredRefreshesEveryTauIterations() {
    SnapshotSldbo s3 = snapshot(RefreshRule.PERIODIC, 1.0, 5, SnapshotMode.OUTPUTS);
    for (int agent = 0; agent < 7; agent++) {
      int fired = 0;
      for (long k = 1; k <= 100; k++) if (s3.fires(agent, k)) fired++;
      assertEquals(20, fired);
      assertTrue(s3.fires(agent, 5 - agent % 5));
    }
  }

  @Test
  void sharedCoinRefreshesAllAgentsTogether() {
    SnapshotSldbo s3 = snapshot(RefreshRule.SHARED_COIN, 0.3, 1, SnapshotMode.OUTPUTS);
    int fired = 0;
    for (long k = 1; k <= 1000; k++) {
      boolean first = s3.fires(0, k);
      for (int agent = 1; agent < 8; agent++) assertEquals(first, s3.fires(agent, k));
      if (first) fired++;
    }
    assertTrue(Math.abs(fired / 1000.0 - 0.3) < 0.05);
  }

  @Test
  void operatorSnapshotsAlsoConverge() {
    IterationLoop loop = new IterationLoop(PROBLEM, TORUS, new LoopSettings(6000, 10, 1e-8, 1e12, 1e9),
        Fixtures.SILENT);
    RunResult r = loop.run(new InProcessEngine(PROBLEM, TORUS), snapshot(RefreshRule.BERNOULLI, 0.2, 1,
        SnapshotMode.OPERATORS));
    assertEquals(Outcome.CONVERGED, r.outcome(), r.last().toString());
  }
}
