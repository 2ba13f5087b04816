package dbo.problem;

import dbo.data.Dataset;
import dbo.data.FeatureBlock;
import dbo.linalg.Matrices;
import java.util.Arrays;

/**
 * One agent's term of {@link HyperCleaningProblem#smoothness()}: 0.5 lambda_max(A_i'A_i) / m_i, with A_i
 * the agent's training features plus the bias column (1/2 bounds the largest eigenvalue of the softmax
 * curvature and the sample weights are at most 1). lambda_max comes from {@value #POWER_ITERATIONS} power
 * iterations (two dgemv each) from the all-ones vector, which for nonnegative pixels converges fast (for
 * centered pixels more slowly: the top two eigenvalues are about 20 and 12 on Fashion-MNIST, so 30
 * iterations leave a relative error below 1e-5).
 */
final class HyperCleaningCurvature {
  private static final int POWER_ITERATIONS = 30;

  private HyperCleaningCurvature() {}

  /** Agent {@code agent}'s term, from its training rows of {@code data} shifted by {@code offset} (or raw). */
  static double of(int agent, HyperCleaningLayout layout, Dataset data, double[] offset) {
    int[] rows = HyperCleaningLayout.select(layout.split().train(), layout.train().indices()[agent]);
    FeatureBlock block = FeatureBlock.of(data, rows, true, offset);
    return 0.5 * largestEigenvalue(block) / block.rows();
  }

  private static double largestEigenvalue(FeatureBlock block) {
    double[] a = block.dense();
    int m = block.rows();
    int d = block.columns();
    double[] v = new double[d];
    Arrays.fill(v, 1.0 / Math.sqrt(d));
    double lambda = 0.0;
    for (int t = 0; t < POWER_ITERATIONS; t++) {
      double[] w = Matrices.multiplyVector(a, m, d, true, Matrices.multiplyVector(a, m, d, false, v));
      double norm = 0.0;
      for (double e : w) norm += e * e;
      norm = Math.sqrt(norm);
      if (norm == 0.0) return 0.0;
      lambda = norm;
      for (int k = 0; k < d; k++) v[k] = w[k] / norm;
    }
    return lambda;
  }
}
