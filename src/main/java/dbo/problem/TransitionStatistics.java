package dbo.problem;

import dbo.data.SyntheticMarkovChain;
import dbo.linalg.Matrices;
import dbo.linalg.Vectors;
import java.io.Serializable;

/**
 * The averages over m sampled transitions (s_k, s'_k) with rewards r_k = r(s_k) that every oracle of
 * {@link PolicyEvaluationShard} reduces to, with Phi_s and Phi_n the (m x D) matrices of rows phi(s_k) and
 * phi(s'_k) and E = Phi_s - gamma Phi_n (all D x D matrices column-major):
 *
 * <pre>
 *   C = Phi_s'Phi_s / m,   A = Phi_s'E / m,   b = Phi_s'r / m,   G = E'E / m,   c = E'r / m,   rr = r'r / m.
 * </pre>
 * A and b are the TD(0) pair: (1/m) sum_k phi(s_k) delta_k(x) = b - A x. Formed with two matrix products
 * over the transitions.
 */
record TransitionStatistics(int m, double[] c, double[] a, double[] b, double[] g, double[] cx, double rr)
    implements Serializable {

  /**
   * The statistics of the given rows of {@code t} (every row when {@code rows} is null), with features
   * {@code phi} ((states x d) column-major) and rewards {@code reward} indexed by state.
   */
  static TransitionStatistics of(double[] phi, int states, int d, double gamma, double[] reward,
      SyntheticMarkovChain.Transitions t, int[] rows) {
    int m = rows == null ? t.size() : rows.length;
    double[][] mats = design(phi, states, d, gamma, reward, t, rows);
    double[] phiS = mats[0];
    double[] e = mats[1];
    double[] r = mats[2];
    // [Phi_s E]'[Phi_s E r] / m holds C, A, b (upper block rows) and A', G, c (lower block rows).
    double[] left = Vectors.concat(phiS, e);
    double[] right = Vectors.concat(phiS, e, r);
    double[] gram = Matrices.multiply(left, m, 2 * d, true, right, m, 2 * d + 1, false);
    double scale = m == 0 ? 0.0 : 1.0 / m;
    int rowsG = 2 * d;
    double[] c = new double[d * d];
    double[] a = new double[d * d];
    double[] g = new double[d * d];
    double[] b = new double[d];
    double[] cx = new double[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < d; i++) {
        c[i + j * d] = scale * gram[i + j * rowsG];
        a[i + j * d] = scale * gram[i + (d + j) * rowsG];
        g[i + j * d] = scale * gram[(d + i) + (d + j) * rowsG];
      }
    }
    for (int i = 0; i < d; i++) {
      b[i] = scale * gram[i + 2 * d * rowsG];
      cx[i] = scale * gram[(d + i) + 2 * d * rowsG];
    }
    return new TransitionStatistics(m, c, a, b, g, cx, scale * Vectors.normSquared(r));
  }

  /** Phi_s, E = Phi_s - gamma Phi_n (each m x d, column-major) and r of the given rows. */
  static double[][] design(double[] phi, int states, int d, double gamma, double[] reward,
      SyntheticMarkovChain.Transitions t, int[] rows) {
    int m = rows == null ? t.size() : rows.length;
    double[] phiS = new double[m * d];
    double[] e = new double[m * d];
    double[] r = new double[m];
    for (int k = 0; k < m; k++) {
      int row = rows == null ? k : rows[k];
      int s = t.from()[row];
      int next = t.to()[row];
      r[k] = reward[s];
      for (int j = 0; j < d; j++) {
        double now = phi[s + j * states];
        phiS[k + j * m] = now;
        e[k + j * m] = now - gamma * phi[next + j * states];
      }
    }
    return new double[][] {phiS, e, r};
  }

  /** C + mu I. */
  double[] regularizedC(double mu) {
    int d = b.length;
    double[] out = c.clone();
    for (int i = 0; i < d; i++) out[i + i * d] += mu;
    return out;
  }

  /** The mean of several statistics, each weighted 1/count (the team's pooled averages). */
  static TransitionStatistics mean(java.util.List<TransitionStatistics> parts) {
    int d = parts.get(0).b.length;
    double w = 1.0 / parts.size();
    double[] c = new double[d * d];
    double[] a = new double[d * d];
    double[] g = new double[d * d];
    double[] b = new double[d];
    double[] cx = new double[d];
    double rr = 0;
    int m = 0;
    for (TransitionStatistics s : parts) {
      Vectors.addScaledInPlace(c, w, s.c);
      Vectors.addScaledInPlace(a, w, s.a);
      Vectors.addScaledInPlace(g, w, s.g);
      Vectors.addScaledInPlace(b, w, s.b);
      Vectors.addScaledInPlace(cx, w, s.cx);
      rr += w * s.rr;
      m += s.m;
    }
    return new TransitionStatistics(m, c, a, b, g, cx, rr);
  }
}
