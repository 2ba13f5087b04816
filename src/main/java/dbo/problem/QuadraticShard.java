package dbo.problem;

import dbo.data.SyntheticQuadratic;
import dbo.linalg.Matrices;
import dbo.linalg.Vectors;

/**
 * One agent of {@link QuadraticProblem}: g_i(x, y) = 0.5 y'H_i y - y'(B_i x + c_i) and
 * f_i(x, y) = 0.5 ||y - d_i||^2 + 0.5 rho ||x||^2, with H_i (q x q) and B_i (q x p) column-major.
 * Its Hessian H_i and cross Jacobian -B_i' do not depend on (x, y), so {@link #freeze} returns them as they
 * are.
 *
 * <p>Mini-batches: g's samples are the rows of A_i (H_i = mu I + A_i'A_i / m_i); a batch B gives
 * H_B = mu I + A_B'A_B / |B| and keeps B_i and c_i, so grad_y g, the HVP and the Hessian of g are sampled
 * while the JVP (-B_i') is exact. f has no samples ({@link #upperSamples()} is 0) and stays deterministic.
 */
public final class QuadraticShard implements LocalProblem {
  private static final long serialVersionUID = 1L;

  private final int p;
  private final int q;
  private final double rho;
  private final double mu;
  private final double[] a;
  private final double[] h;
  private final double[] b;
  private final double[] c;
  private final double[] d;
  private final int samples;

  /**
   * @param a the (samples x q) sample matrix behind h = mu I + a'a / samples, column-major
   */
  QuadraticShard(int p, int q, double rho, double mu, double[] a, double[] h, double[] b, double[] c,
      double[] d, int samples) {
    this.p = p;
    this.q = q;
    this.rho = rho;
    this.mu = mu;
    this.a = a;
    this.h = h;
    this.b = b;
    this.c = c;
    this.d = d;
    this.samples = samples;
  }

  @Override
  public int dimX() {
    return p;
  }

  @Override
  public int dimY() {
    return q;
  }

  @Override
  public int shardSize() {
    return samples;
  }

  @Override
  public double upperValue(double[] x, double[] y) {
    return 0.5 * Vectors.distanceSquared(y, d) + 0.5 * rho * Vectors.normSquared(x);
  }

  @Override
  public double lowerValue(double[] x, double[] y) {
    double[] hy = Matrices.multiplyVector(h, q, q, false, y);
    double[] bx = Matrices.multiplyVector(b, q, p, false, x);
    return 0.5 * Vectors.dot(y, hy) - Vectors.dot(y, Vectors.add(bx, c));
  }

  @Override
  public double[] gradXUpper(double[] x, double[] y) {
    return Vectors.scale(rho, x);
  }

  @Override
  public double[] gradYUpper(double[] x, double[] y) {
    return Vectors.sub(y, d);
  }

  @Override
  public double[] gradYLower(double[] x, double[] y) {
    double[] hy = Matrices.multiplyVector(h, q, q, false, y);
    double[] bx = Matrices.multiplyVector(b, q, p, false, x);
    return Vectors.sub(Vectors.sub(hy, bx), c);
  }

  /** -B_i' y. */
  @Override
  public double[] gradXLower(double[] x, double[] y) {
    return applyJacobian(b, q, p, y);
  }

  @Override
  public double[] hessianVector(double[] x, double[] y, double[] v) {
    return applyHessian(h, q, v);
  }

  @Override
  public double[] jacobianVector(double[] x, double[] y, double[] v) {
    return applyJacobian(b, q, p, v);
  }

  @Override
  public FrozenOperators freeze(double[] x, double[] y) {
    return new Frozen(h, b, p, q);
  }

  @Override
  public QuadraticShard minibatch(int[] upperRows, int[] lowerRows) {
    double[] rows = Minibatch.selectRows(a, samples, q, lowerRows);
    int m = lowerRows.length;
    return new QuadraticShard(p, q, rho, mu, rows, SyntheticQuadratic.covariance(rows, m, q, mu), b, c, d, m);
  }

  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    return Evaluation.lossOnly(upperValue(x, y));
  }

  private static double[] applyHessian(double[] h, int q, double[] v) {
    return Matrices.multiplyVector(h, q, q, false, v);
  }

  private static double[] applyJacobian(double[] b, int q, int p, double[] v) {
    return Vectors.scale(-1.0, Matrices.multiplyVector(b, q, p, true, v));
  }

  /** H_i and -B_i', shared with the shard (they are constants); the same kernels as the live oracles. */
  private record Frozen(double[] h, double[] b, int p, int q) implements FrozenOperators {
    @Override
    public double[] hessianVector(double[] v) {
      return applyHessian(h, q, v);
    }

    @Override
    public double[] jacobianVector(double[] v) {
      return applyJacobian(b, q, p, v);
    }
  }
}
