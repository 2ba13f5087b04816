package dbo.linalg;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Eigenvalues of a small dense symmetric matrix through LAPACK {@code dsyev} (the LAPACK that Spark ships,
 * dev.ludovic.netlib). This is the only place the project calls {@code dsyev}: the problems' smoothness
 * constants (hence step sizes) and the mixing matrices' spectral gaps both come from here, so they are
 * computed by one call with one set of arguments.
 *
 * <p>The call reads the upper triangle ({@code uplo = "U"}) and uses the optimal workspace from a
 * workspace query. Both choices change the rounding of the result, so they are fixed here and not
 * parameters; Breeze's {@code eigSym}, which reads the lower triangle with the minimum workspace, gives
 * eigenvalues that differ in the last bits (docs/dependencies.md).
 */
public final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * All eigenvalues of the symmetric (n x n) matrix {@code a}, ascending. Only the upper triangle of
   * {@code a} is read, and {@code a} is not modified.
   *
   * @param a the matrix, column-major (entry (i, j) at {@code i + j * n}), at least n * n entries
   * @param n the order, n >= 1
   * @throws IllegalStateException if LAPACK reports that the QL/QR iteration did not converge
   */
  public static double[] eigenvalues(double[] a, int n) {
    if (n < 1) throw new IllegalArgumentException("eigenvalues: the matrix order is " + n + "; it must be >= 1");
    if (a.length < n * n) {
      throw new IllegalArgumentException("eigenvalues: " + a.length + " entries for a " + n + " x " + n + " matrix");
    }
    double[] work = a.clone();
    double[] w = new double[n];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK lapack = LAPACK.getInstance();
    lapack.dsyev("N", "U", n, work, n, w, query, -1, info);
    double[] space = new double[Math.max(1, (int) query[0])];
    lapack.dsyev("N", "U", n, work, n, w, space, space.length, info);
    if (info.val != 0) throw new IllegalStateException("eigenvalue computation failed (dsyev info " + info.val + ")");
    return w;
  }

  /** The largest eigenvalue of the symmetric (n x n) matrix {@code a}; see {@link #eigenvalues}. */
  public static double largest(double[] a, int n) {
    double[] w = eigenvalues(a, n);
    return w[n - 1];
  }
}
