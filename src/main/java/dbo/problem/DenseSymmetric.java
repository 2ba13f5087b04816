package dbo.problem;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/** Driver-side LAPACK calls on small dense symmetric matrices (column-major), for solutions and L. */
final class DenseSymmetric {
  private DenseSymmetric() {}

  /** The largest eigenvalue of the symmetric (n x n) matrix {@code a} (not modified). */
  static double largestEigenvalue(double[] a, int n) {
    double[] copy = a.clone();
    double[] w = new double[n];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK lapack = LAPACK.getInstance();
    lapack.dsyev("N", "U", n, copy, n, w, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dsyev("N", "U", n, copy, n, w, work, work.length, info);
    if (info.val != 0) throw new IllegalStateException("eigenvalue computation failed (dsyev info " + info.val + ")");
    return w[n - 1];
  }

  /** X = A^{-1} B for a symmetric positive definite (n x n) A and an (n x nrhs) B; neither is modified. */
  static double[] solve(double[] a, int n, double[] b, int nrhs) {
    double[] factor = a.clone();
    double[] x = b.clone();
    intW info = new intW(0);
    LAPACK.getInstance().dposv("U", n, nrhs, factor, n, x, n, info);
    if (info.val != 0) {
      throw new IllegalStateException("matrix is not positive definite (dposv info " + info.val + ")");
    }
    return x;
  }
}
