package dbo.problem;

import dbo.linalg.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences of the LocalProblem oracles. Every check returns the relative error
 * ||fd - analytic|| / ||analytic|| of a whole vector, where fd is built one coordinate (or one direction)
 * at a time with step h.
 */
final class FiniteDifferences {
  /** Step: truncation h^2 |f'''| and round-off eps |f| / h both stay near 1e-10 for O(1) functions. */
  static final double STEP = 1e-5;

  private FiniteDifferences() {}

  /** The gradient of a scalar function by central differences along every coordinate. */
  static double[] gradient(ToDoubleFunction<double[]> f, double[] at) {
    double[] g = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      double[] plus = at.clone();
      double[] minus = at.clone();
      plus[k] += STEP;
      minus[k] -= STEP;
      g[k] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * STEP);
    }
    return g;
  }

  /** The directional derivative of a vector function along v by central differences. */
  static double[] directional(Function<double[], double[]> f, double[] at, double[] v) {
    double[] plus = Vectors.axpy(at, STEP, v);
    double[] minus = Vectors.axpy(at, -STEP, v);
    return Vectors.scale(1.0 / (2 * STEP), Vectors.sub(f.apply(plus), f.apply(minus)));
  }

  /** ||fd - analytic|| / ||analytic||; the analytic vector must be nonzero. */
  static double relativeError(double[] fd, double[] analytic) {
    double norm = Vectors.norm(analytic);
    if (norm == 0.0) throw new AssertionError("analytic vector is zero; relative error undefined");
    return Math.sqrt(Vectors.distanceSquared(fd, analytic)) / norm;
  }

  /** A vector with i.i.d. N(0, scale^2) entries plus a constant offset. */
  static double[] gaussian(SplittableRandom rng, int n, double offset, double scale) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = offset + scale * rng.nextGaussian();
    return out;
  }

  /** The Java-serialized bytes of an object: equal bytes mean equal state, bit for bit. */
  static byte[] serialized(Object o) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
         ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The relative errors of every oracle of a shard at (x, y), along the random direction v. */
  record OracleErrors(double gradXUpper, double gradYUpper, double gradYLower, double hessianVector,
                      double jacobianVector) {
    double max() {
      return Math.max(Math.max(Math.max(gradXUpper, gradYUpper), Math.max(gradYLower, hessianVector)),
          jacobianVector);
    }
  }

  /**
   * Checks grad_x f, grad_y f and grad_y g against FD of the values f and g; the HVP against FD of
   * grad_y g along v; and the JVP against FD over x of &lt;grad_y g(x, y), v&gt;. A gradient that is exactly
   * zero (grad_x f of the logistic problem) must have an exactly zero FD, and reports error 0.
   */
  static OracleErrors check(LocalProblem shard, double[] x, double[] y, double[] v) {
    double gx = errorAllowingZero(gradient(xx -> shard.upperValue(xx, y), x), shard.gradXUpper(x, y));
    double gy = relativeError(gradient(yy -> shard.upperValue(x, yy), y), shard.gradYUpper(x, y));
    double gl = relativeError(gradient(yy -> shard.lowerValue(x, yy), y), shard.gradYLower(x, y));
    double hv = relativeError(directional(yy -> shard.gradYLower(x, yy), y, v), shard.hessianVector(x, y, v));
    double jv = relativeError(gradient(xx -> Vectors.dot(shard.gradYLower(xx, y), v), x),
        shard.jacobianVector(x, y, v));
    return new OracleErrors(gx, gy, gl, hv, jv);
  }

  private static double errorAllowingZero(double[] fd, double[] analytic) {
    if (Vectors.norm(analytic) == 0.0) {
      if (Vectors.norm(fd) != 0.0) throw new AssertionError("analytic gradient is zero but FD is not");
      return 0.0;
    }
    return relativeError(fd, analytic);
  }
}
