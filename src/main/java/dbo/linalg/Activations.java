package dbo.linalg;

/**
 * The logistic and softmax links of the classification problems, computed the same way (and so to the
 * same bits) wherever they are used.
 */
public final class Activations {
  private Activations() {}

  /** 1 / (1 + e^-t), without overflow for large |t|. */
  public static double sigmoid(double t) {
    if (t >= 0.0) return 1.0 / (1.0 + Math.exp(-t));
    double e = Math.exp(t);
    return e / (1.0 + e);
  }

  /**
   * Replaces every row of the column-major (rows x cols) block z by its softmax, shifted by the row's
   * maximum so that exp never overflows.
   */
  public static void softmaxRowsInPlace(double[] z, int rows, int cols) {
    for (int s = 0; s < rows; s++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < cols; k++) max = Math.max(max, z[s + k * rows]);
      double total = 0.0;
      for (int k = 0; k < cols; k++) {
        z[s + k * rows] = Math.exp(z[s + k * rows] - max);
        total += z[s + k * rows];
      }
      for (int k = 0; k < cols; k++) z[s + k * rows] /= total;
    }
  }

  /**
   * Row {@code s} of the column-major {@code rows x cols} matrix {@code z}: writes its softmax into {@code p}
   * (the arithmetic of {@link #softmaxRowsInPlace}) and returns its log-sum-exp, max + log(sum exp(z - max))
   * of the same sum, for the cross-entropy residual; {@code z} is left as it is.
   */
  public static double softmaxRow(double[] z, int s, int rows, int cols, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < cols; k++) max = Math.max(max, z[s + k * rows]);
    double total = 0.0;
    for (int k = 0; k < cols; k++) {
      p[k] = Math.exp(z[s + k * rows] - max);
      total += p[k];
    }
    double lse = max + Math.log(total);
    for (int k = 0; k < cols; k++) p[k] /= total;
    return lse;
  }
}
