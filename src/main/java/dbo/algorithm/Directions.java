package dbo.algorithm;

import dbo.linalg.Vectors;
import dbo.problem.FrozenOperators;
import dbo.problem.LocalProblem;
import dbo.problem.LowerOracles;

/**
 * The three local directions of ALGORITHMS.md section 1, at one local iterate (x_i, y_i, z_i):
 * v = grad_y g, p = H z - grad_y f, u = grad_x f - J z. One evaluation costs one gradient of g, one gradient
 * of f, one HVP and one JVP; {@link #evaluate} counts them (and asks for the three oracles of g together,
 * {@link LocalProblem#lowerOracles}, so that a problem can share its passes over the features).
 */
public record Directions(double[] v, double[] p, double[] u) {

  /** Evaluates v, p, u at (x, y, z) and adds the four oracle calls to {@code counts}. */
  public static Directions evaluate(LocalProblem problem, OracleCounts counts, double[] x, double[] y,
      double[] z) {
    LowerOracles lower = problem.lowerOracles(x, y, z);
    double[] v = lower.gradY();
    counts.gradG++;
    double[] gradXf = problem.gradXUpper(x, y);
    double[] gradYf = problem.gradYUpper(x, y);
    counts.gradF++;
    double[] p = Vectors.sub(lower.hessianVector(), gradYf);
    counts.hvp++;
    double[] u = Vectors.sub(gradXf, lower.jacobianVector());
    counts.jvp++;
    return new Directions(v, p, u);
  }

  /**
   * The first-order variant (D-SOBA {@code fo}, ALGORITHMS.md section 7): H z and J z replaced by forward
   * differences of gradients of g with step delta,
   * <pre>
   *   H z ~ (grad_y g(x, y + delta z) - grad_y g(x, y)) / delta,
   *   J z ~ (grad_x g(x, y + delta z) - grad_x g(x, y)) / delta.
   * </pre>
   * Counted as three gradients of g and no HVP or JVP: one at (x, y), which gives v and the base of both
   * differences, and one for each difference (the "2 extra gradients of g" of ALGORITHMS.md), plus one
   * gradient of f. Exact for quadratic g up to rounding (about 1e-16 |grad g| / delta).
   */
  public static Directions evaluateFirstOrder(LocalProblem problem, OracleCounts counts, double[] x,
      double[] y, double[] z, double delta) {
    double[] v = problem.gradYLower(x, y);
    double[] gradXg = problem.gradXLower(x, y);
    counts.gradG++;
    double[] gradXf = problem.gradXUpper(x, y);
    double[] gradYf = problem.gradYUpper(x, y);
    counts.gradF++;
    double[] shifted = Vectors.axpy(y, delta, z);
    double[] hz = Vectors.scale(1.0 / delta, Vectors.sub(problem.gradYLower(x, shifted), v));
    counts.gradG++;
    double[] jz = Vectors.scale(1.0 / delta, Vectors.sub(problem.gradXLower(x, shifted), gradXg));
    counts.gradG++;
    return new Directions(v, Vectors.sub(hz, gradYf), Vectors.sub(gradXf, jz));
  }

  /**
   * p and u from operators frozen at a snapshot, applied to the current z: p = H^ z - grad_y f^,
   * u = grad_x f^ - J^ z. Applying a frozen operator is not an oracle call.
   */
  public static double[][] fromFrozen(FrozenOperators ops, double[] gradXfHat, double[] gradYfHat,
      double[] z) {
    double[] p = Vectors.sub(ops.hessianVector(z), gradYfHat);
    double[] u = Vectors.sub(gradXfHat, ops.jacobianVector(z));
    return new double[][] {p, u};
  }
}
