package dbo.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The primal-dual template of every {@link Strategy} equals the strategy's two-step recursion
 * (ALGORITHMS.md section 3). Both start from the same s^0 with q^0 = 0, so the recursion's first step is
 * the template's: s^1 = A (I - C) s^0 - eta A d^0, i.e. W(s^0 - eta d^0) for ED and DSGD,
 * W s^0 - eta d^0 for EXTRA and W^2 (s^0 - eta d^0) for GT. The directions d^k are an arbitrary random
 * sequence (the identity is linear algebra, not optimization), on a random connected graph.
 */
class PrimalDualStepTest {
  private static final int N = 7;
  private static final int DIM = 3;
  private static final int ITERATIONS = 30;
  private static final double ETA = 0.3;

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void templateEqualsTheTwoStepRecursion(Strategy strategy) {
    for (long seed = 1; seed <= 3; seed++) {
      double[][] w = MixingWeights.metropolis(Graphs.erdosRenyi(N, 0.4, seed)).dense();
      SplittableRandom rng = new SplittableRandom(seed);
      double[][] s0 = random(rng);
      double[][][] d = new double[ITERATIONS][][];
      for (int k = 0; k < ITERATIONS; k++) d[k] = random(rng);

      double[][][] template = runTemplate(strategy, w, s0, d);
      double[][][] recursion = runRecursion(strategy, w, s0, d);
      for (int k = 1; k <= ITERATIONS; k++) {
        for (int i = 0; i < N; i++) {
          for (int c = 0; c < DIM; c++) {
            double a = template[k][i][c];
            double b = recursion[k][i][c];
            assertEquals(b, a, 1e-12 * Math.max(1.0, Math.abs(b)),
                strategy + " seed " + seed + " iteration " + k + " agent " + i);
          }
        }
      }
    }
  }

  /** Runs the per-agent template as a runner would: message, mix sum_j w_ij m_j, update, per round. */
  private static double[][][] runTemplate(Strategy strategy, double[][] w, double[][] s0, double[][][] d) {
    PrimalDualStep step = new PrimalDualStep(strategy, "s");
    PrimalDualVariable[] st = new PrimalDualVariable[N];
    double[][][] out = new double[ITERATIONS + 1][][];
    for (int i = 0; i < N; i++) st[i] = step.initialize(s0[i]);
    out[0] = s0;
    for (int k = 0; k < ITERATIONS; k++) {
      for (int r = 0; r < strategy.rounds(); r++) {
        double[][] sent = new double[N][];
        for (int i = 0; i < N; i++) sent[i] = step.outgoing(st[i], r, ETA, d[k][i]);
        double[][] mixed = multiply(w, sent);
        for (int i = 0; i < N; i++) {
          PrimalDualVariable before = st[i];
          st[i] = step.incoming(before, r, mixed[i], ETA, d[k][i]);
          // s+ arrives only in the variable's last round; GT's t and W t live only between its rounds.
          if (r < strategy.rounds() - 1) assertSame(before.s(), st[i].s());
          assertEquals(r < strategy.rounds() - 1, st[i].t() != null);
        }
      }
      out[k + 1] = new double[N][];
      for (int i = 0; i < N; i++) out[k + 1][i] = st[i].s();
    }
    return out;
  }

  private static double[][][] runRecursion(Strategy strategy, double[][] w, double[][] s0, double[][][] d) {
    double[][][] s = new double[ITERATIONS + 1][][];
    s[0] = s0;
    double[][] w2 = square(w);
    s[1] = switch (strategy) {
      case ED, DSGD -> multiply(w, axpy(s0, -ETA, d[0]));
      case EXTRA -> axpy(multiply(w, s0), -ETA, d[0]);
      case GT -> multiply(w2, axpy(s0, -ETA, d[0]));
    };
    for (int k = 1; k < ITERATIONS; k++) {
      double[][] dd = axpy(d[k], -1.0, d[k - 1]);
      s[k + 1] = switch (strategy) {
        // W (2 s - s- - eta (d - d-))
        case ED -> multiply(w, axpy(axpy(scale(2.0, s[k]), -1.0, s[k - 1]), -ETA, dd));
        // 2 W s - W s- - eta (d - d-)
        case EXTRA -> axpy(axpy(scale(2.0, multiply(w, s[k])), -1.0, multiply(w, s[k - 1])), -ETA, dd);
        // 2 W s - W^2 s- - eta W^2 (d - d-)
        case GT -> axpy(axpy(scale(2.0, multiply(w, s[k])), -1.0, multiply(w2, s[k - 1])), -ETA,
            multiply(w2, dd));
        // W (s - eta d)
        case DSGD -> multiply(w, axpy(s[k], -ETA, d[k]));
      };
    }
    return s;
  }

  @Test
  void strategiesHaveTheirRoundCounts() {
    assertEquals(2, Strategy.GT.rounds());
    assertEquals(1, Strategy.ED.rounds());
    assertEquals(1, Strategy.EXTRA.rounds());
    assertEquals(1, Strategy.DSGD.rounds());
  }

  private static double[][] random(SplittableRandom rng) {
    double[][] out = new double[N][DIM];
    for (double[] row : out) for (int c = 0; c < DIM; c++) row[c] = rng.nextGaussian();
    return out;
  }

  private static double[][] multiply(double[][] w, double[][] s) {
    double[][] out = new double[N][s[0].length];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) for (int c = 0; c < s[j].length; c++) out[i][c] += w[i][j] * s[j][c];
    }
    return out;
  }

  private static double[][] square(double[][] w) {
    double[][] out = new double[N][N];
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < N; k++) for (int j = 0; j < N; j++) out[i][j] += w[i][k] * w[k][j];
    }
    return out;
  }

  private static double[][] axpy(double[][] a, double s, double[][] b) {
    double[][] out = new double[N][];
    for (int i = 0; i < N; i++) out[i] = dbo.linalg.Vectors.axpy(a[i], s, b[i]);
    return out;
  }

  private static double[][] scale(double s, double[][] a) {
    double[][] out = new double[N][];
    for (int i = 0; i < N; i++) out[i] = dbo.linalg.Vectors.scale(s, a[i]);
    return out;
  }
}
