package dbo.problem;

import dbo.linalg.Matrices;
import dbo.linalg.Vectors;

/**
 * One agent of {@link QuadraticProblem}: g_i(x, y) = 0.5 y'H_i y - y'(B_i x + c_i) and
 * f_i(x, y) = 0.5 ||y - d_i||^2 + 0.5 rho ||x||^2, with H_i (q x q) and B_i (q x p) column-major.
 * Its Hessian H_i and cross Jacobian -B_i' do not depend on (x, y), so {@link #freeze} returns them as they
 * are.
 */
public final class QuadraticShard implements LocalProblem {
  private static final long serialVersionUID = 1L;

  private final int p;
  private final int q;
  private final double rho;
  private final double[] h;
  private final double[] b;
  private final double[] c;
  private final double[] d;
  private final int samples;

  QuadraticShard(int p, int q, double rho, double[] h, double[] b, double[] c, double[] d, int samples) {
    this.p = p;
    this.q = q;
    this.rho = rho;
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
