package dbo.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Dense column-major matrix kernels through the BLAS that Spark ships (dev.ludovic.netlib). A matrix is a
 * {@code double[]} of {@code rows * cols} entries with entry (i, j) at {@code i + j * rows}. Oracles call
 * these on a whole shard at once (matrix-matrix products), never per example.
 */
public final class Matrices {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

  private Matrices() {}

  /** C = op(A) * op(B), where op is the transpose when the flag is set; A is (ra x ca), B is (rb x cb). */
  public static double[] multiply(double[] a, int ra, int ca, boolean transA,
                                  double[] b, int rb, int cb, boolean transB) {
    int m = transA ? ca : ra;
    int k = transA ? ra : ca;
    int kb = transB ? cb : rb;
    int n = transB ? rb : cb;
    if (k != kb) {
      throw new IllegalArgumentException("inner dimensions differ: " + k + " vs " + kb);
    }
    double[] c = new double[m * n];
    if (m == 0 || n == 0) return c;
    if (k == 0) return c;
    BLAS_INSTANCE.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, 1.0,
        a, Math.max(1, ra), b, Math.max(1, rb), 0.0, c, Math.max(1, m));
    return c;
  }

  /** y = op(A) x for a column-major (rows x cols) matrix A. */
  public static double[] multiplyVector(double[] a, int rows, int cols, boolean trans, double[] x) {
    int outLen = trans ? cols : rows;
    int inLen = trans ? rows : cols;
    if (x.length != inLen) {
      throw new IllegalArgumentException("vector length " + x.length + " does not match " + inLen);
    }
    double[] y = new double[outLen];
    if (rows == 0 || cols == 0) return y;
    BLAS_INSTANCE.dgemv(trans ? "T" : "N", rows, cols, 1.0, a, Math.max(1, rows), x, 1, 0.0, y, 1);
    return y;
  }

  /** The (n x n) identity, column-major. */
  public static double[] identity(int n) {
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) out[i + i * n] = 1.0;
    return out;
  }
}
