package dbo.problem;

import dbo.linalg.SymmetricEigen;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Driver-side LAPACK calls on small dense symmetric matrices (column-major), for solutions and L; the
 * eigen-solve is {@link SymmetricEigen}'s, shared with the mixing matrices.
 */
final class DenseSymmetric {
  private DenseSymmetric() {}

  /** The largest eigenvalue of the symmetric (n x n) matrix {@code a} (not modified). */
  static double largestEigenvalue(double[] a, int n) {
    return SymmetricEigen.largest(a, n);
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
