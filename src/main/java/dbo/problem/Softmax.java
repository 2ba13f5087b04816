package dbo.problem;

import dbo.linalg.Activations;

/**
 * Softmax cross-entropy of a few-shot task's logits, whose row s has label s / perClass (tasks are
 * class-major, {@link FewShotTask}): the mean loss, the residual and the curvature products that the
 * meta-learning oracles and the head fit share, computed once here so that they agree to the bit.
 */
final class Softmax {
  private Softmax() {}

  /**
   * The mean cross-entropy of the column-major (m x N) logits; when {@code residual} is not null, it
   * receives (P - T) / m (it may be {@code logits} itself, which is then overwritten).
   */
  static double crossEntropy(double[] logits, int m, int ways, int perClass, double[] residual) {
    double[] p = new double[ways];
    double sum = 0.0;
    double inv = 1.0 / m;
    for (int s = 0; s < m; s++) {
      int label = s / perClass;
      double lse = Activations.softmaxRow(logits, s, m, ways, p);
      sum += lse - logits[s + label * m];
      if (residual != null) {
        for (int k = 0; k < ways; k++) residual[s + k * m] = (p[k] - (k == label ? 1.0 : 0.0)) * inv;
      }
    }
    return sum * inv;
  }

  /**
   * The softmax curvature applied row by row: row s of the result is (diag(p_s) - p_s p_s') w_s / m, with
   * p_s the softmax of row s of the logits and w_s row s of {@code w} (both m x N, column-major).
   */
  static double[] curvature(double[] logits, double[] w, int m, int ways) {
    double[] p = new double[ways];
    double[] out = new double[m * ways];
    double inv = 1.0 / m;
    for (int s = 0; s < m; s++) {
      Activations.softmaxRow(logits, s, m, ways, p);
      double dot = 0.0;
      for (int k = 0; k < ways; k++) dot += p[k] * w[s + k * m];
      for (int k = 0; k < ways; k++) out[s + k * m] = p[k] * (w[s + k * m] - dot) * inv;
    }
    return out;
  }
}
