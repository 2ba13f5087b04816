package dbo.problem;

import dbo.data.FeatureBlock;
import dbo.linalg.Activations;
import dbo.linalg.Matrices;
import dbo.linalg.Vectors;

/**
 * One agent of {@link HyperCleaningProblem}. With A (m x D) the agent's training features plus a column of
 * ones (D = d + 1), T the one-hot observed labels, Y the D x K classifier (column-major; its last row is
 * the bias), Z = A Y, P the row-wise softmax of Z, CE_s the cross-entropy of row s, w_s = sigmoid(x_{c(s)})
 * the weight of row s at its coordinate c(s) of x, and the validation split (A_v, T_v):
 *
 * <pre>
 *   g_i      = (1/m) sum_s w_s CE_s + c ||Y||^2
 *   grad_Y g = A' diag(w) (P - T) / m + 2c Y
 *   H V      = A' diag(w) C(A V) / m + 2c V,         C(ZV)_s = p_s o zv_s - p_s (p_s . zv_s)
 *   (J V)_c(s) = sigmoid'(x_c(s)) &lt;(A V)_s, P_s - T_s&gt; / m,   0 off the agent's own coordinates
 *   grad_x g: (grad_x g)_c(s) = sigmoid'(x_c(s)) CE_s / m
 *   f_i      = (1/m_v) sum_s CE_s(A_v Y),   grad_Y f = A_v'(P_v - T_v) / m_v,   grad_x f = 0
 * </pre>
 * Every product with A is one dgemm over the whole split. The regularizer includes the bias row so that g_i
 * is strongly convex (modulus 2c) in all of Y. Mini-batches draw training rows for g and validation rows
 * for f; the test split is not sampled.
 */
public final class HyperCleaningShard implements LocalProblem {
  private static final long serialVersionUID = 1L;

  private final int classes;
  private final double regularization;
  private final int dimX;
  private final FeatureBlock train;
  private final int[] trainLabels;
  private final boolean[] corrupted;
  private final int[] coordinates;
  private final FeatureBlock validation;
  private final int[] validationLabels;
  private final FeatureBlock test;
  private final int[] testLabels;

  /**
   * @param trainLabels the observed (possibly corrupted) label of each training row
   * @param corrupted whether each training row's observed label is wrong (used only to score the weights)
   * @param coordinates the coordinate of x that weighs each training row
   * @param test may be null (no test accuracy)
   */
  HyperCleaningShard(int classes, double regularization, int dimX, FeatureBlock train, int[] trainLabels,
                     boolean[] corrupted, int[] coordinates, FeatureBlock validation, int[] validationLabels,
                     FeatureBlock test, int[] testLabels) {
    if (corrupted.length != trainLabels.length || coordinates.length != trainLabels.length) {
      throw new IllegalArgumentException("training rows: " + trainLabels.length + " labels, " + corrupted.length
          + " corruption flags, " + coordinates.length + " coordinates");
    }
    this.classes = classes;
    this.regularization = regularization;
    this.dimX = dimX;
    this.train = train;
    this.trainLabels = trainLabels;
    this.corrupted = corrupted;
    this.coordinates = coordinates;
    this.validation = validation;
    this.validationLabels = validationLabels;
    this.test = test;
    this.testLabels = testLabels;
  }

  @Override
  public int dimX() {
    return dimX;
  }

  @Override
  public int dimY() {
    return train.columns() * classes;
  }

  @Override
  public int shardSize() {
    return train.rows();
  }

  /** The coordinates of x this agent's training rows are weighed by (a copy). */
  public int[] coordinates() {
    return coordinates.clone();
  }

  @Override
  public int upperSamples() {
    return validation.rows();
  }

  @Override
  public double upperValue(double[] x, double[] y) {
    checkX(x);
    return crossEntropy(validation, validationLabels, y, null, null, null);
  }

  @Override
  public double lowerValue(double[] x, double[] y) {
    return crossEntropy(train, trainLabels, y, weights(x), null, null) + regularization * Vectors.normSquared(y);
  }

  @Override
  public double[] gradXUpper(double[] x, double[] y) {
    checkX(x);
    checkY(y);
    return new double[dimX];
  }

  @Override
  public double[] gradYUpper(double[] x, double[] y) {
    checkX(x);
    int m = validation.rows();
    double[] residual = new double[m * classes];
    crossEntropy(validation, validationLabels, y, null, residual, null);
    return Matrices.multiply(validation.dense(), m, validation.columns(), true, residual, m, classes, false);
  }

  @Override
  public double[] gradYLower(double[] x, double[] y) {
    int m = train.rows();
    double[] residual = new double[m * classes];
    crossEntropy(train, trainLabels, y, weights(x), residual, null);
    double[] out = Matrices.multiply(train.dense(), m, train.columns(), true, residual, m, classes, false);
    for (int k = 0; k < out.length; k++) out[k] += 2.0 * regularization * y[k];
    return out;
  }

  @Override
  public double[] gradXLower(double[] x, double[] y) {
    int m = train.rows();
    double[] perRow = new double[m];
    crossEntropy(train, trainLabels, y, null, null, perRow);
    double[] out = new double[dimX];
    for (int s = 0; s < m; s++) {
      int c = coordinates[s];
      out[c] += sigmoidSlope(x[c]) * perRow[s] / m;
    }
    return out;
  }

  @Override
  public double[] hessianVector(double[] x, double[] y, double[] v) {
    checkY(v);
    int m = train.rows();
    int cols = train.columns();
    double[] w = weights(x);
    double[] p = probabilities(train, y);
    double[] zv = Matrices.multiply(train.dense(), m, cols, false, v, cols, classes, false);
    for (int s = 0; s < m; s++) {
      double dot = 0.0;
      for (int k = 0; k < classes; k++) dot += p[s + k * m] * zv[s + k * m];
      double scale = w[s] / m;
      for (int k = 0; k < classes; k++) zv[s + k * m] = p[s + k * m] * (zv[s + k * m] - dot) * scale;
    }
    double[] out = Matrices.multiply(train.dense(), m, cols, true, zv, m, classes, false);
    for (int k = 0; k < out.length; k++) out[k] += 2.0 * regularization * v[k];
    return out;
  }

  @Override
  public double[] jacobianVector(double[] x, double[] y, double[] v) {
    checkX(x);
    checkY(v);
    int m = train.rows();
    int cols = train.columns();
    double[] p = probabilities(train, y);
    double[] zv = Matrices.multiply(train.dense(), m, cols, false, v, cols, classes, false);
    double[] out = new double[dimX];
    for (int s = 0; s < m; s++) {
      double inner = -zv[s + trainLabels[s] * m];
      for (int k = 0; k < classes; k++) inner += zv[s + k * m] * p[s + k * m];
      int c = coordinates[s];
      out[c] += sigmoidSlope(x[c]) * inner / m;
    }
    return out;
  }

  /**
   * The three oracles of g in two passes over the training features instead of seven: A [Y V] as one
   * product (m x 2K), then A' [R C] as one, with R the weighted residual of {@link #gradYLower} and C the
   * weighted curvature term of {@link #hessianVector}; the per-row arithmetic is theirs, so only the BLAS's
   * rounding of the wider products can differ.
   */
  @Override
  public LowerOracles lowerOracles(double[] x, double[] y, double[] v) {
    checkY(y);
    checkY(v);
    int m = train.rows();
    int cols = train.columns();
    int q = cols * classes;
    double[] w = weights(x);
    double[] yv = new double[2 * q];
    System.arraycopy(y, 0, yv, 0, q);
    System.arraycopy(v, 0, yv, q, q);
    // Columns 0..K-1: the logits Z = A Y, overwritten by R; columns K..2K-1: ZV = A V, overwritten by C.
    double[] zz = Matrices.multiply(train.dense(), m, cols, false, yv, cols, 2 * classes, false);
    int at = m * classes;
    double[] jv = new double[dimX];
    double[] p = new double[classes];
    for (int s = 0; s < m; s++) {
      int label = trainLabels[s];
      // The softmax as Activations.softmaxRowsInPlace computes it (hessianVector, jacobianVector), and the
      // residual as crossEntropy computes it (gradYLower), from the log-sum-exp of the same sum.
      double lse = Activations.softmaxRow(zz, s, m, classes, p);
      double dot = 0.0;
      for (int k = 0; k < classes; k++) dot += p[k] * zz[at + s + k * m];
      double inner = -zz[at + s + label * m];
      for (int k = 0; k < classes; k++) inner += zz[at + s + k * m] * p[k];
      int c = coordinates[s];
      jv[c] += sigmoidSlope(x[c]) * inner / m;
      double scale = w[s] / m;
      for (int k = 0; k < classes; k++) {
        zz[at + s + k * m] = p[k] * (zz[at + s + k * m] - dot) * scale;
        zz[s + k * m] = w[s] * (Math.exp(zz[s + k * m] - lse) - (k == label ? 1.0 : 0.0)) / m;
      }
    }
    double[] back = Matrices.multiply(train.dense(), m, cols, true, zz, m, 2 * classes, false);
    double[] grad = new double[q];
    double[] hv = new double[q];
    for (int k = 0; k < q; k++) {
      grad[k] = back[k] + 2.0 * regularization * y[k];
      hv[k] = back[q + k] + 2.0 * regularization * v[k];
    }
    return new LowerOracles(grad, hv, jv);
  }

  @Override
  public HyperCleaningShard minibatch(int[] upperRows, int[] lowerRows) {
    boolean[] corruptedRows = new boolean[lowerRows.length];
    for (int k = 0; k < lowerRows.length; k++) corruptedRows[k] = corrupted[lowerRows[k]];
    return new HyperCleaningShard(classes, regularization, dimX, train.select(lowerRows),
        HyperCleaningLayout.select(trainLabels, lowerRows), corruptedRows,
        HyperCleaningLayout.select(coordinates, lowerRows),
        validation.select(upperRows), HyperCleaningLayout.select(validationLabels, upperRows), test, testLabels);
  }

  /**
   * Validation loss as the upper loss; correct / count on this agent's part of the test split; and the
   * flag counts of this agent's own training rows: a row is flagged when its weight sigmoid(x_c(s)) is below
   * {@value HyperCleaningProblem#FLAG_THRESHOLD}, scored against whether its observed label is wrong.
   * Counts, not ratios, so that the runner's sum over agents gives precision and recall over all samples.
   */
  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    double upper = upperValue(x, y);
    long flagged = 0;
    long wrong = 0;
    long both = 0;
    for (int s = 0; s < coordinates.length; s++) {
      boolean f = Activations.sigmoid(x[coordinates[s]]) < HyperCleaningProblem.FLAG_THRESHOLD;
      if (f) flagged++;
      if (corrupted[s]) wrong++;
      if (f && corrupted[s]) both++;
    }
    double correct = 0.0;
    double count = 0.0;
    if (test != null && test.rows() > 0) {
      int m = test.rows();
      double[] z = Matrices.multiply(test.dense(), m, test.columns(), false, y, test.columns(), classes, false);
      for (int s = 0; s < m; s++) {
        int predicted = 0;
        for (int k = 1; k < classes; k++) if (z[s + k * m] > z[s + predicted * m]) predicted = k;
        if (predicted == testLabels[s]) correct++;
      }
      count = m;
    }
    return new Evaluation(upper, correct, count, coordinates.length, flagged, wrong, both);
  }

  /** sigmoid(x_c(s)) for every training row s. */
  private double[] weights(double[] x) {
    checkX(x);
    double[] w = new double[coordinates.length];
    for (int s = 0; s < w.length; s++) w[s] = Activations.sigmoid(x[coordinates[s]]);
    return w;
  }

  /**
   * Mean (weighted when {@code w} is given) cross-entropy of a split at Y. When not null, {@code residual}
   * receives w_s (P - T)_s / m and {@code perRow} the unweighted CE_s. Uses a max-shifted log-sum-exp.
   */
  private double crossEntropy(FeatureBlock block, int[] labels, double[] y, double[] w, double[] residual,
                              double[] perRow) {
    checkY(y);
    int m = block.rows();
    if (m == 0) return 0.0;
    double[] z = Matrices.multiply(block.dense(), m, block.columns(), false, y, block.columns(), classes, false);
    double sum = 0.0;
    for (int s = 0; s < m; s++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) max = Math.max(max, z[s + k * m]);
      double total = 0.0;
      for (int k = 0; k < classes; k++) total += Math.exp(z[s + k * m] - max);
      double lse = max + Math.log(total);
      double ce = lse - z[s + labels[s] * m];
      double weight = w == null ? 1.0 : w[s];
      sum += weight * ce;
      if (perRow != null) perRow[s] = ce;
      if (residual != null) {
        for (int k = 0; k < classes; k++) {
          residual[s + k * m] = weight * (Math.exp(z[s + k * m] - lse) - (k == labels[s] ? 1.0 : 0.0)) / m;
        }
      }
    }
    return sum / m;
  }

  /** Row-wise softmax of A Y for a split (m x K). */
  private double[] probabilities(FeatureBlock block, double[] y) {
    checkY(y);
    int m = block.rows();
    double[] z = Matrices.multiply(block.dense(), m, block.columns(), false, y, block.columns(), classes, false);
    Activations.softmaxRowsInPlace(z, m, classes);
    return z;
  }

  private static double sigmoidSlope(double t) {
    double s = Activations.sigmoid(t);
    return s * (1.0 - s);
  }

  private void checkX(double[] x) {
    if (x.length != dimX) throw new IllegalArgumentException("x has length " + x.length + ", expected " + dimX);
  }

  private void checkY(double[] y) {
    if (y.length != dimY()) throw new IllegalArgumentException("y has length " + y.length + ", expected " + dimY());
  }
}
