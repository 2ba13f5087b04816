package dbo.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbo.linalg.Vectors;
import dbo.topology.GraphSchedule;
import dbo.topology.LinkFailures;
import dbo.topology.TimeVaryingMixing;
import dbo.topology.TopologyKind;
import dbo.topology.TopologySpec;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With a different W_k at every iteration (links failing with q = 0.4), the primal-dual template, run as
 * the runners run it (every round of iteration k mixes with W_k), equals the time-varying two-step forms of
 * docs/links.md ("Which heterogeneity corrections survive"), to 1e-12:
 *
 * <pre>
 *   ED     s^{k+1} = W_{k+1} (2 s^k - s^{k-1} - eta (d^k - d^{k-1}))
 *   EXTRA  s^{k+1} = 2 W_{k+1} s^k - W_k s^{k-1} - eta (d^k - d^{k-1})
 *   GT     t^{k+1} = 2 W_k t^k - s^{k-1} - eta (d^k - d^{k-1}),  s^{k+1} = W_{k+1}^2 t^{k+1}
 *   DSGD   s^{k+1} = W_{k+1} (s^k - eta d^k)
 * </pre>
 * and every strategy's mean follows the centralized step: mean s^{k+1} = mean s^k - eta mean d^k from the
 * second step on (the dual's entries sum to 0 for any doubly stochastic W_k).
 */
class TimeVaryingPrimalDualTest {
  private static final int N = 9;
  private static final int DIM = 2;
  private static final int ITERATIONS = 25;
  private static final double ETA = 0.3;

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void templateEqualsTheTimeVaryingRecursion(Strategy strategy) {
    TopologySpec spec = TopologySpec.of(TopologyKind.TORUS, N);
    TimeVaryingMixing mixing = TimeVaryingMixing.of(spec, spec.build(), GraphSchedule.STATIC, new LinkFailures(0.4, 5));
    double[][][] w = new double[ITERATIONS + 1][][];
    for (int k = 1; k <= ITERATIONS; k++) w[k] = mixing.dense(k);
    SplittableRandom rng = new SplittableRandom(8);
    double[][] s0 = random(rng);
    double[][][] d = new double[ITERATIONS][][];
    for (int k = 0; k < ITERATIONS; k++) d[k] = random(rng);

    double[][][] template = runTemplate(strategy, w, s0, d);
    double[][][] recursion = runRecursion(strategy, w, s0, d);
    for (int k = 1; k <= ITERATIONS; k++) {
      for (int i = 0; i < N; i++) {
        for (int c = 0; c < DIM; c++) {
          double b = recursion[k][i][c];
          assertEquals(b, template[k][i][c], 1e-12 * Math.max(1.0, Math.abs(b)), strategy + " iteration " + k + " agent " + i);
        }
      }
      if (k >= 2) {
        for (int c = 0; c < DIM; c++) {
          assertEquals(mean(template[k - 1], c) - ETA * mean(d[k - 1], c), mean(template[k], c), 1e-12,
              strategy + ": the mean follows the centralized step at " + k);
        }
      }
    }
  }

  private static double[][][] runTemplate(Strategy strategy, double[][][] w, double[][] s0, double[][][] d) {
    PrimalDualStep step = new PrimalDualStep(strategy, "s");
    PrimalDualVariable[] st = new PrimalDualVariable[N];
    double[][][] out = new double[ITERATIONS + 1][][];
    for (int i = 0; i < N; i++) st[i] = step.initialize(s0[i]);
    out[0] = s0;
    for (int k = 0; k < ITERATIONS; k++) {
      for (int r = 0; r < strategy.rounds(); r++) {
        double[][] sent = new double[N][];
        for (int i = 0; i < N; i++) sent[i] = step.outgoing(st[i], r, ETA, d[k][i]);
        double[][] mixed = multiply(w[k + 1], sent);
        for (int i = 0; i < N; i++) st[i] = step.incoming(st[i], r, mixed[i], ETA, d[k][i]);
      }
      out[k + 1] = new double[N][];
      for (int i = 0; i < N; i++) out[k + 1][i] = st[i].s();
    }
    return out;
  }

  private static double[][][] runRecursion(Strategy strategy, double[][][] w, double[][] s0, double[][][] d) {
    double[][][] s = new double[ITERATIONS + 1][][];
    double[][][] t = new double[ITERATIONS + 1][][];
    s[0] = s0;
    t[1] = axpy(s0, -ETA, d[0]);
    s[1] = switch (strategy) {
      case ED, DSGD -> multiply(w[1], t[1]);
      case EXTRA -> axpy(multiply(w[1], s0), -ETA, d[0]);
      case GT -> multiply(w[1], multiply(w[1], t[1]));
    };
    for (int k = 1; k < ITERATIONS; k++) {
      double[][] dd = axpy(d[k], -1.0, d[k - 1]);
      double[][] next = w[k + 1];
      switch (strategy) {
        case ED -> s[k + 1] = multiply(next, axpy(axpy(scale(2.0, s[k]), -1.0, s[k - 1]), -ETA, dd));
        case EXTRA -> s[k + 1] = axpy(axpy(scale(2.0, multiply(next, s[k])), -1.0, multiply(w[k], s[k - 1])), -ETA, dd);
        case GT -> {
          t[k + 1] = axpy(axpy(scale(2.0, multiply(w[k], t[k])), -1.0, s[k - 1]), -ETA, dd);
          s[k + 1] = multiply(next, multiply(next, t[k + 1]));
        }
        case DSGD -> s[k + 1] = multiply(next, axpy(s[k], -ETA, d[k]));
      }
    }
    return s;
  }

  private static double mean(double[][] a, int c) {
    double m = 0.0;
    for (double[] row : a) m += row[c];
    return m / a.length;
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

  private static double[][] axpy(double[][] a, double s, double[][] b) {
    double[][] out = new double[N][];
    for (int i = 0; i < N; i++) out[i] = Vectors.axpy(a[i], s, b[i]);
    return out;
  }

  private static double[][] scale(double s, double[][] a) {
    double[][] out = new double[N][];
    for (int i = 0; i < N; i++) out[i] = Vectors.scale(s, a[i]);
    return out;
  }
}
