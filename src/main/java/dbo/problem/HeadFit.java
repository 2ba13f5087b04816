package dbo.problem;

import dbo.linalg.Matrices;
import dbo.linalg.Vectors;

/**
 * The lower level of one few-shot task with the feature map frozen: the N-way head
 *
 * <pre>
 *   v* = argmin_v  CE(F v) + (rho / 2) ||v||^2,      CE = mean cross-entropy over the support rows,
 * </pre>
 * F the task's (m x (h + 1)) support features [tanh(A U), 1] and v an (h + 1) x N matrix, column-major. The
 * objective is rho-strongly convex and L-smooth with L = lambda_max(F'F) / (2m) + rho (the softmax curvature
 * is at most 1/2), and is minimized by Nesterov's accelerated gradient with the constant momentum
 * (sqrt L - sqrt rho) / (sqrt L + sqrt rho), from v = 0, until the gradient norm is below
 * {@value #TOLERANCE} or after {@value #MAX_ITERATIONS} iterations. Deterministic: a pure function of
 * (F, labels, rho).
 */
final class HeadFit {
  static final double TOLERANCE = 1e-6;
  static final int MAX_ITERATIONS = 2000;

  private HeadFit() {}

  /**
   * @param features F, (m x (h + 1)) column-major
   * @param perClass rows per class (row s has label s / perClass)
   * @param ways N
   * @param rho the ridge weight, > 0
   */
  static double[] fit(double[] features, int m, int columns, int perClass, int ways, double rho) {
    double[] gram = Matrices.multiply(features, m, columns, true, features, m, columns, false);
    double l = DenseSymmetric.largestEigenvalue(gram, columns) / (2.0 * m) + rho;
    double step = 1.0 / l;
    double momentum = (Math.sqrt(l) - Math.sqrt(rho)) / (Math.sqrt(l) + Math.sqrt(rho));
    double[] v = new double[columns * ways];
    double[] w = v.clone();
    for (int k = 0; k < MAX_ITERATIONS; k++) {
      double[] grad = gradient(features, m, columns, perClass, ways, rho, w);
      if (Vectors.norm(grad) <= TOLERANCE) {
        v = w;
        break;
      }
      double[] next = Vectors.axpy(w, -step, grad);
      w = Vectors.axpy(next, momentum, Vectors.sub(next, v));
      v = next;
    }
    return v;
  }

  /** grad of CE(F v) + (rho/2)||v||^2 at v. */
  static double[] gradient(double[] features, int m, int columns, int perClass, int ways, double rho, double[] v) {
    double[] logits = Matrices.multiply(features, m, columns, false, v, columns, ways, false);
    Softmax.crossEntropy(logits, m, ways, perClass, logits);
    double[] g = Matrices.multiply(features, m, columns, true, logits, m, ways, false);
    Vectors.addScaledInPlace(g, rho, v);
    return g;
  }

  /** Correct predictions (argmax of F v) among the rows of a task's split. */
  static int correct(double[] features, int m, int columns, int perClass, int ways, double[] v) {
    double[] logits = Matrices.multiply(features, m, columns, false, v, columns, ways, false);
    int correct = 0;
    for (int s = 0; s < m; s++) {
      int best = 0;
      for (int k = 1; k < ways; k++) if (logits[s + k * m] > logits[s + best * m]) best = k;
      if (best == s / perClass) correct++;
    }
    return correct;
  }
}
