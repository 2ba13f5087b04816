package dbo.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.runtime.Fixtures;
import dbo.runtime.InProcessEngine;
import dbo.runtime.IterationLoop;
import dbo.runtime.LoopSettings;
import dbo.runtime.MixingPlan;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** S3LDBO with {@code refresh = adaptive} (ALGORITHMS.md, "Adaptive snapshot refresh"; {@link DriftTrigger}). */
class AdaptiveRefreshTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(16, Heterogeneity.SEVERE, 5);
  private static final MixingPlan TORUS = Fixtures.torus(4, 4);

  private static SnapshotSldbo adaptive(double threshold, SnapshotMode mode) {
    return new SnapshotSldbo("S3LDBO(adaptive)", Fixtures.STEPS, RefreshRule.ADAPTIVE, 1.0, 1, false, mode, 9, 0,
        new DriftTrigger(threshold, 0.1));
  }

  /** Never refreshes after initialization within a run shorter than a million iterations. */
  private static SnapshotSldbo frozen(SnapshotMode mode) {
    return new SnapshotSldbo("frozen", Fixtures.STEPS, RefreshRule.PERIODIC, 1.0, 1_000_000, false, mode, 9);
  }

  /** The first nine vectors (x, y, z, v, p, u, s, r, h), and the frozen operators where there are any. */
  private static List<double[]> algorithmVectors(SnapshotSldboState s) {
    List<double[]> out = new ArrayList<>(s.vectors());
    if (s.drift() != null) out = out.subList(0, out.size() - (s.drift().scale() == null ? 3 : 4));
    return out;
  }

  @ParameterizedTest
  @EnumSource(SnapshotMode.class)
  void neverFiringIsTheFrozenSnapshotBitForBit(SnapshotMode mode) {
    InProcessEngine a = new InProcessEngine(PROBLEM, TORUS);
    InProcessEngine b = new InProcessEngine(PROBLEM, TORUS);
    InProcessEngine live = new InProcessEngine(PROBLEM, TORUS);
    a.start(adaptive(Double.POSITIVE_INFINITY, mode));
    b.start(frozen(mode));
    live.start(adaptive(DriftTrigger.DEFAULT.threshold(), mode));
    for (long k = 1; k <= 150; k++) {
      a.iterate(k);
      b.iterate(k);
      live.iterate(k);
      for (int i = 0; i < 16; i++) {
        SnapshotSldboState sa = a.states(SnapshotSldboState.class).get(i);
        SnapshotSldboState sb = b.states(SnapshotSldboState.class).get(i);
        List<double[]> va = algorithmVectors(sa);
        List<double[]> vb = sb.vectors();
        assertEquals(vb.size(), va.size());
        for (int j = 0; j < va.size(); j++) assertArrayEquals(vb.get(j), va.get(j), "agent " + i + " vector " + j + " at " + k);
        assertEquals(sb.counts().toString(), sa.counts().toString());
        assertEquals(0, sa.refreshes());
        // The rule was evaluated (it keeps a positive running scale of steps) and refused every time.
        assertNotNull(sa.drift().scale());
        assertTrue(Arrays.stream(sa.drift().scale()).max().getAsDouble() > 0, "agent " + i + " at " + k);
        assertArrayEquals(PROBLEM.initialX(), sa.drift().x(), "the snapshot point stays the initial x");
      }
    }
    // Not vacuous: on the same run a finite threshold fires and leaves the frozen trajectory.
    long refreshes = live.states(SnapshotSldboState.class).stream().mapToLong(SnapshotSldboState::refreshes).sum();
    assertTrue(refreshes > 0, "the default threshold never fired");
    assertFalse(Arrays.equals(live.states(SnapshotSldboState.class).get(0).x(),
        b.states(SnapshotSldboState.class).get(0).x()), "refreshing changed nothing");
  }

  /**
   * Moves an agent along a path of points (each {x, y, z}) through the rule, with the draw u = 1/2 (limit =
   * threshold) for every wait; the iterations where it fired.
   */
  private static List<Integer> firings(DriftTrigger t, List<double[][]> path) {
    DriftTrigger.Memory m = t.start(path.get(0)[0], path.get(0)[1], path.get(0)[2], 0.5);
    List<Integer> out = new ArrayList<>();
    for (int k = 1; k < path.size(); k++) {
      boolean fired = t.fires(m, path.get(k - 1), path.get(k));
      if (fired) out.add(k);
      m = t.advance(m, path.get(k - 1), path.get(k), fired, 0.5);
    }
    return out;
  }

  private static double[][] point(double x, double y, double z) {
    return new double[][] {{x, 0.0}, {y}, {z, z}};
  }

  @Test
  void onAStraightPathItFiresEveryMIterationsWithMSquaredAboveTheThreshold() {
    List<double[][]> path = new ArrayList<>();
    for (int k = 0; k <= 30; k++) path.add(point(0.0, 3.0 * k, 1.0));
    // m^2 > 50 first at m = 8; after a refresh the next drift counts from the new snapshot.
    assertEquals(List.of(8, 16, 24), firings(new DriftTrigger(50, 0.1), path));
    assertEquals(List.of(10, 20, 30), firings(new DriftTrigger(99.9, 0.1), path));
    assertEquals(List.of(11, 22), firings(new DriftTrigger(100, 0.1), path));
  }

  @Test
  void itIsScaleFreePerBlockAndIgnoresBackAndForth() {
    List<double[][]> path = new ArrayList<>();
    List<double[][]> scaled = new ArrayList<>();
    for (int k = 0; k <= 40; k++) {
      double y = k < 20 ? (k % 2) : 1.0 + 0.5 * (k - 20);  // back and forth, then a straight line
      path.add(point(1.0, y, -2.0 + 1e-3 * (k % 2)));
      scaled.add(point(1.0, 1e7 * y, -2.0 + 1e-3 * (k % 2)));
    }
    List<Integer> fired = firings(new DriftTrigger(25, 0.1), path);
    assertEquals(fired, firings(new DriftTrigger(25, 0.1), scaled));
    assertTrue(fired.stream().allMatch(k -> k > 20), "back and forth does not drift: " + fired);
    assertFalse(fired.isEmpty());
  }

  @Test
  void theDrawSpreadsTheWaitsOfAgentsThatMoveAlike() {
    // Sixteen agents on the same straight path (steps of 1 in y), each wait's limit 2 u T with u from the
    // agent's stream: first waits between 1 and floor(sqrt(2 T)) + 1 = 15 iterations, not all equal.
    java.util.Set<Integer> firstWaits = new java.util.TreeSet<>();
    for (int agent = 0; agent < 16; agent++) {
      double u = 1.0 - dbo.random.RandomStreams.of(9, agent, dbo.random.RandomStreams.REFRESH, 0).nextDouble();
      DriftTrigger t = new DriftTrigger(100, 0.1);
      double[][] origin = point(0, 0, 0);
      DriftTrigger.Memory m = t.start(origin[0], origin[1], origin[2], u);
      int k = 1;
      while (!t.fires(m, point(0, k - 1, 0), point(0, k, 0))) {
        m = t.advance(m, point(0, k - 1, 0), point(0, k, 0), false, u);
        k++;
      }
      assertTrue(k >= 1 && k <= 15, "wait " + k);
      assertTrue((double) k * k > 2 * u * 100 && (double) (k - 1) * (k - 1) <= 2 * u * 100, "wait " + k + ", u " + u);
      firstWaits.add(k);
    }
    assertTrue(firstWaits.size() >= 4, "waits " + firstWaits);
  }

  @Test
  void aSuddenLargeStepFiresAtOnce() {
    List<double[][]> path = new ArrayList<>();
    for (int k = 0; k <= 10; k++) path.add(point(0.0, k % 2, 0.0));
    path.add(point(0.0, 50.0, 0.0));
    assertEquals(List.of(11), firings(new DriftTrigger(100, 0.1), path));
  }

  @Test
  void reachesTheQuadraticSolutionWithFewerOracleCallsThanBernoulliPointTwo() {
    IterationLoop loop = new IterationLoop(PROBLEM, TORUS, new LoopSettings(6000, 10, 1e-8, 1e12, 1e9),
        Fixtures.SILENT);
    InProcessEngine engine = new InProcessEngine(PROBLEM, TORUS);
    RunResult p02 = loop.run(engine, Fixtures.s3ldbo(0.2, 9));
    RunResult ad = loop.run(engine, adaptive(DriftTrigger.DEFAULT.threshold(), SnapshotMode.OUTPUTS));
    assertEquals(Outcome.CONVERGED, ad.outcome(), ad.last().toString());
    assertTrue(ad.last().estimationError() <= 1e-8);
    assertEquals(Outcome.CONVERGED, p02.outcome());
    assertTrue(ad.totals().total() < p02.totals().total(),
        "adaptive " + ad.totals().total() + " vs bernoulli(0.2) " + p02.totals().total() + " oracle calls");
    // Each agent pays one evaluation of every oracle at the start and one per refresh.
    for (AgentState s : engine.states()) {
      assertEquals(1 + s.refreshes(), s.counts().gradF);
      assertEquals(1 + s.refreshes(), s.counts().jvp);
    }
  }

  @Test
  void aRestoredRunContinuesBitForBit(@TempDir Path dir) {
    // The rule's memory (snapshot point, running scale, limit) is part of the saved state: a run saved at
    // iteration 20 and resumed equals the uninterrupted run, refresh decisions included.
    SnapshotSldbo a = adaptive(DriftTrigger.DEFAULT.threshold(), SnapshotMode.OUTPUTS);
    InProcessEngine whole = new InProcessEngine(PROBLEM, TORUS);
    whole.start(a);
    for (long k = 1; k <= 60; k++) whole.iterate(k);
    InProcessEngine first = new InProcessEngine(PROBLEM, TORUS);
    first.start(a);
    for (long k = 1; k <= 20; k++) first.iterate(k);
    first.saveStates(dir.resolve("saved"));
    InProcessEngine resumed = new InProcessEngine(PROBLEM, TORUS);
    resumed.restore(a, dir.resolve("saved"));
    for (long k = 21; k <= 60; k++) resumed.iterate(k);
    long refreshes = 0;
    for (int i = 0; i < 16; i++) {
      SnapshotSldboState s = whole.states(SnapshotSldboState.class).get(i);
      SnapshotSldboState r = resumed.states(SnapshotSldboState.class).get(i);
      assertEquals(s.vectors().size(), r.vectors().size());
      for (int j = 0; j < s.vectors().size(); j++) assertArrayEquals(s.vectors().get(j), r.vectors().get(j));
      assertEquals(s.drift().limit(), r.drift().limit());
      assertEquals(s.refreshes(), r.refreshes());
      refreshes += s.refreshes() - first.states(SnapshotSldboState.class).get(i).refreshes();
    }
    assertTrue(refreshes > 0, "no refresh after the restore point");
  }

  @Test
  void outOfRangeSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DriftTrigger(0, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new DriftTrigger(Double.NaN, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new DriftTrigger(10, 0));
    assertThrows(IllegalArgumentException.class, () -> new DriftTrigger(10, 1.5));
  }
}
