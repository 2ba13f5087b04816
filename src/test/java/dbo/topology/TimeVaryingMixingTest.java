package dbo.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * W_k of unreliable links and graph schedules (ALGORITHMS.md section 11): every W_k symmetric,
 * nonnegative and doubly stochastic, supported on the live edges only; Metropolis on the live graph; the
 * configured W itself when nothing varies; failures at the rate q, the same on every level; the one-peer
 * exponential graphs average exactly in ceil(log2 n) iterations.
 */
class TimeVaryingMixingTest {
  private static final long SEED = 11;

  private static TimeVaryingMixing failing(TopologySpec spec, double q, GraphSchedule schedule) {
    return TimeVaryingMixing.of(spec, spec.build(), schedule, new LinkFailures(q, SEED));
  }

  /** W_k checked from its dense form, as {@link StochasticChecks} checks a static W. */
  private static void assertValid(TimeVaryingMixing m, long k) {
    double[][] d = m.dense(k);
    double[][] base = m.base().dense();
    int n = d.length;
    for (int i = 0; i < n; i++) {
      double row = 0.0;
      double col = 0.0;
      for (int j = 0; j < n; j++) {
        assertTrue(d[i][j] >= 0.0, "k " + k + ": w[" + i + "][" + j + "] = " + d[i][j]);
        assertEquals(d[i][j], d[j][i], 0.0, "k " + k + ": asymmetric at " + i + "," + j);
        if (i != j) {
          assertEquals(m.live(i, j, k) && base[i][j] > 0, d[i][j] > 0, "k " + k + ": support at " + i + "," + j);
        }
        row += d[i][j];
        col += d[j][i];
      }
      assertEquals(1.0, row, StochasticChecks.EPS, "k " + k + ": row " + i);
      assertEquals(1.0, col, StochasticChecks.EPS, "k " + k + ": column " + i);
      if (m.degree(i, k) == 0) assertEquals(1.0, d[i][i], 0.0, "k " + k + ": isolated agent " + i + " keeps itself");
    }
  }

  @Test
  void everyWkOfAFailingRunIsSymmetricAndDoublyStochastic() throws Exception {
    Path list = Files.createTempFile("weighted", ".txt");
    Files.writeString(list, "0 1 0.3\n1 2 0.2\n2 3 0.4\n3 0 0.1\n0 2 0.25\n");
    TopologySpec[] specs = {
        TopologySpec.of(TopologyKind.TORUS, 16),
        TopologySpec.of(TopologyKind.RING, 9).withLazy(true),
        TopologySpec.of(TopologyKind.ADJUSTED_RING, 8).withRingMix(0.3),
        TopologySpec.of(TopologyKind.STAR, 7),
        TopologySpec.of(TopologyKind.EXPONENTIAL, 12),
        TopologySpec.of(TopologyKind.EDGE_LIST, 4).withEdgeList(list.toString())};
    for (TopologySpec spec : specs) {
      for (double q : new double[] {0.1, 0.5, 0.9}) {
        for (GraphSchedule s : GraphSchedule.values()) {
          if (s == GraphSchedule.ONE_PEER_EXPONENTIAL && spec.kind() != TopologyKind.EXPONENTIAL) continue;
          TimeVaryingMixing m = failing(spec, q, s);
          for (long k = 1; k <= 40; k++) {
            assertValid(m, k);
            assertValid(m.lazy(), k);
          }
        }
      }
    }
    Files.delete(list);
  }

  @Test
  void liveEdgesCarryMetropolisWeightsOfTheLiveGraph() {
    TopologySpec spec = TopologySpec.of(TopologyKind.TORUS, 16);
    TimeVaryingMixing m = failing(spec, 0.4, GraphSchedule.STATIC);
    for (long k = 1; k <= 20; k++) {
      double[][] d = m.dense(k);
      for (int i = 0; i < 16; i++) {
        for (int j : m.base().neighbours(i)) {
          if (j == i || !m.live(i, j, k)) continue;
          assertEquals(1.0 / (1 + Math.max(m.degree(i, k), m.degree(j, k))), d[i][j], 0.0);
        }
      }
    }
  }

  @Test
  void withoutFailuresAndScheduleTheConfiguredMatrixIsUsedAsIs() {
    TopologySpec spec = TopologySpec.of(TopologyKind.ADJUSTED_RING, 8).withRingMix(0.3).withLazy(true);
    MixingMatrix w = spec.build();
    TimeVaryingMixing m = TimeVaryingMixing.of(spec, w, GraphSchedule.STATIC, new LinkFailures(0.0, SEED));
    assertTrue(m.isStatic());
    for (int i = 0; i < 8; i++) assertArrayEquals(w.neighbourWeights(i), m.weights(i, 5));
    assertEquals(w.edgeCount(), m.liveEdges(5));
  }

  /**
   * Where nothing fails, the time-varying path recomputes the configured Metropolis weights to the bit (same
   * formula, same summation order), so the runtime's per-iteration weights can be checked against a static run.
   */
  @Test
  void aLiveGraphEqualToTheConfiguredOneGivesTheSameBits() {
    MixingMatrix w = MixingWeights.metropolis(Graphs.torus(3, 4));
    TimeVaryingMixing all = TimeVaryingMixing.metropolis(w, (i, j, k) -> true, "all live");
    for (int i = 0; i < 12; i++) assertArrayEquals(w.neighbourWeights(i), all.weights(i, 3));
  }

  @Test
  void edgesFailAtRateQAndTheSameEdgesFailOnEveryLevel() {
    TopologySpec spec = TopologySpec.of(TopologyKind.TORUS, 64);
    TimeVaryingMixing low = failing(spec, 0.1, GraphSchedule.STATIC);
    TimeVaryingMixing high = failing(spec, 0.3, GraphSchedule.STATIC);
    MixingMatrix w = high.base();
    long failed = 0;
    long total = 0;
    for (long k = 1; k <= 500; k++) {
      for (int i = 0; i < 64; i++) {
        for (int j : w.neighbours(i)) {
          if (j <= i) continue;
          total++;
          if (!high.live(i, j, k)) failed++;
          // One uniform per (edge, k): what fails at q = 0.1 fails at q = 0.3.
          if (!low.live(i, j, k)) assertTrue(!high.live(i, j, k));
          assertEquals(high.live(i, j, k), high.live(j, i, k));
        }
      }
    }
    // 64,000 draws: the standard deviation of the rate is 0.0018.
    assertEquals(0.3, (double) failed / total, 0.01);
    // Another seed, other failures.
    TimeVaryingMixing other = TimeVaryingMixing.of(spec, w, GraphSchedule.STATIC, new LinkFailures(0.3, SEED + 1));
    int differ = 0;
    for (long k = 1; k <= 20; k++) if (other.liveEdges(k) != high.liveEdges(k)) differ++;
    assertTrue(differ > 5, "seeds give the same failures");
  }

  @Test
  void onePeerExponentialAveragesExactlyInLog2NIterations() {
    TopologySpec spec = TopologySpec.of(TopologyKind.EXPONENTIAL, 8);
    TimeVaryingMixing m = failing(spec, 0.0, GraphSchedule.ONE_PEER_EXPONENTIAL);
    assertTrue(!m.isStatic());
    for (long start = 1; start <= 4; start++) {
      double[][] product = identity(8);
      for (long k = start; k < start + 3; k++) {
        for (int i = 0; i < 8; i++) assertEquals(1, m.degree(i, k), "one peer each");
        product = multiply(m.dense(k), product);
      }
      for (double[] row : product) for (double v : row) assertEquals(0.125, v, 1e-15);
    }
  }

  @Test
  void alternateUsesEachEdgeInExactlyOneOfTwoConsecutiveIterations() {
    TopologySpec spec = TopologySpec.of(TopologyKind.TORUS, 16);
    TimeVaryingMixing m = failing(spec, 0.0, GraphSchedule.ALTERNATE);
    MixingMatrix w = spec.build();
    for (long k = 1; k <= 4; k++) {
      assertEquals(w.edgeCount(), m.liveEdges(k) + m.liveEdges(k + 1));
      for (int i = 0; i < 16; i++) {
        for (int j : w.neighbours(i)) if (j != i) assertTrue(m.live(i, j, k) != m.live(i, j, k + 1));
      }
    }
  }

  @Test
  void qOutsideZeroOneAndOnePeerOffTheExponentialGraphAreRefused() {
    for (double q : new double[] {-0.1, 1.0, Double.NaN}) {
      String message = assertThrows(IllegalArgumentException.class, () -> new LinkFailures(q, 0)).getMessage();
      assertTrue(message.startsWith("topology.link-failure = "), message);
    }
    String message = assertThrows(IllegalArgumentException.class,
        () -> failing(TopologySpec.of(TopologyKind.RING, 8), 0.0, GraphSchedule.ONE_PEER_EXPONENTIAL)).getMessage();
    assertTrue(message.contains("topology.schedule = one-peer-exponential"), message);
  }

  private static double[][] identity(int n) {
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) d[i][i] = 1.0;
    return d;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) for (int l = 0; l < n; l++) for (int j = 0; j < n; j++) c[i][j] += a[i][l] * b[l][j];
    return c;
  }
}
