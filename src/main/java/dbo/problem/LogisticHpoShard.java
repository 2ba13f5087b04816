package dbo.problem;

import dbo.data.SyntheticClassification.Split;
import dbo.linalg.Activations;
import dbo.linalg.Matrices;
import java.util.Arrays;

/**
 * One agent of {@link LogisticHpoProblem}: its training, validation and test splits and the oracles
 *
 * <pre>
 *   grad_W g   = A'(P - T) / m + D W,                    D = diag(exp(clip(lambda_j)))
 *   H V        = A' C(A V) / m + D V,                    C = curvature of the loss at the logits A W
 *   (J V)_j    = exp(clip(lambda_j)) &lt;w_j, v_j&gt;          (scalar lambda: exp(clip(lambda)) &lt;W, V&gt;)
 *   grad_W f   = A_val'(P_val - T_val) / m_val,          grad_lambda f = 0
 * </pre>
 * with logits Z = A W (m x c), P the sigmoid (c = 1) or row-wise softmax (c = K) of Z and T the targets.
 * The binary curvature is p(1 - p) zv; the softmax curvature of row s is p_s o zv_s - p_s (p_s . zv_s).
 * Every product with A is one dgemm over the whole split. The lambda derivatives ignore the clip to
 * [-12, 12] and are exact only inside that box.
 *
 * <p>grad_lambda g (for first-order JVPs) is 0.5 exp(clip(lambda_j)) ||w_j||^2 per feature (summed over j
 * for a scalar lambda), with the same convention at the clip as the JVP. Mini-batches draw training rows
 * for g and validation rows for f ({@link #upperSamples()} is the validation size); the test split is
 * not sampled.
 *
 * <p>{@link #freeze} returns null: the curvature depends on W, and frozen operators would have to carry
 * the training matrix into every snapshot while saving no work over the live products.
 */
public final class LogisticHpoShard implements LocalProblem {
  private static final long serialVersionUID = 1L;

  private final int features;
  private final int columns;
  private final HyperparameterShape shape;
  private final Split train;
  private final Split validation;
  private final Split test;

  LogisticHpoShard(int features, int classes, HyperparameterShape shape, Split train, Split validation,
                   Split test) {
    this.features = features;
    this.columns = classes == 2 ? 1 : classes;
    this.shape = shape;
    this.train = train;
    this.validation = validation;
    this.test = test;
  }

  @Override
  public int dimX() {
    return shape == HyperparameterShape.PER_FEATURE ? features : 1;
  }

  @Override
  public int dimY() {
    return features * columns;
  }

  @Override
  public int shardSize() {
    return train.rows();
  }

  @Override
  public double upperValue(double[] x, double[] y) {
    return loss(validation, y, null);
  }

  @Override
  public double lowerValue(double[] x, double[] y) {
    double[] e = strengths(x);
    double penalty = 0.0;
    for (int k = 0; k < columns; k++) {
      for (int j = 0; j < features; j++) {
        double w = y[j + k * features];
        penalty += e[j] * w * w;
      }
    }
    return loss(train, y, null) + 0.5 * penalty;
  }

  @Override
  public double[] gradXUpper(double[] x, double[] y) {
    checkX(x);
    return new double[dimX()];
  }

  @Override
  public double[] gradYUpper(double[] x, double[] y) {
    return lossGradient(validation, y);
  }

  @Override
  public double[] gradYLower(double[] x, double[] y) {
    double[] grad = lossGradient(train, y);
    addPenalty(grad, strengths(x), y);
    return grad;
  }

  @Override
  public double[] gradXLower(double[] x, double[] y) {
    checkY(y);
    double[] e = strengths(x);
    double[] out = new double[dimX()];
    for (int k = 0; k < columns; k++) {
      for (int j = 0; j < features; j++) {
        double w = y[j + k * features];
        out[shape == HyperparameterShape.PER_FEATURE ? j : 0] += 0.5 * e[j] * w * w;
      }
    }
    return out;
  }

  @Override
  public int upperSamples() {
    return validation.rows();
  }

  @Override
  public LogisticHpoShard minibatch(int[] upperRows, int[] lowerRows) {
    return new LogisticHpoShard(features, columns == 1 ? 2 : columns, shape, select(train, lowerRows),
        select(validation, upperRows), test);
  }

  private static Split select(Split split, int[] rows) {
    int[] labels = new int[rows.length];
    for (int k = 0; k < rows.length; k++) labels[k] = split.labels()[rows[k]];
    return new Split(Minibatch.selectRows(split.matrix(), split.rows(), split.columns(), rows), rows.length,
        split.columns(), labels);
  }

  @Override
  public double[] hessianVector(double[] x, double[] y, double[] v) {
    checkY(v);
    int m = train.rows();
    double[] p = probabilities(train, y);
    double[] zv = Matrices.multiply(train.matrix(), m, features, false, v, features, columns, false);
    double inv = 1.0 / m;
    if (columns == 1) {
      for (int s = 0; s < m; s++) zv[s] *= p[s] * (1.0 - p[s]) * inv;
    } else {
      for (int s = 0; s < m; s++) {
        double dot = 0.0;
        for (int k = 0; k < columns; k++) dot += p[s + k * m] * zv[s + k * m];
        for (int k = 0; k < columns; k++) zv[s + k * m] = p[s + k * m] * (zv[s + k * m] - dot) * inv;
      }
    }
    double[] out = Matrices.multiply(train.matrix(), m, features, true, zv, m, columns, false);
    addPenalty(out, strengths(x), v);
    return out;
  }

  @Override
  public double[] jacobianVector(double[] x, double[] y, double[] v) {
    checkY(y);
    checkY(v);
    double[] e = strengths(x);
    double[] out = new double[dimX()];
    for (int k = 0; k < columns; k++) {
      for (int j = 0; j < features; j++) {
        int at = j + k * features;
        if (shape == HyperparameterShape.PER_FEATURE) {
          out[j] += e[j] * y[at] * v[at];
        } else {
          out[0] += e[j] * y[at] * v[at];
        }
      }
    }
    return out;
  }

  /**
   * grad_y g and H v in two passes over the training features instead of five: A [W V] as one product
   * (m x 2c), then A' [R C] as one, with the per-row arithmetic of {@link #loss} (R) and of
   * {@link #hessianVector} (C), so only the BLAS's rounding of the wider products can differ. J v needs no
   * product with the features.
   */
  @Override
  public LowerOracles lowerOracles(double[] x, double[] y, double[] v) {
    checkY(y);
    checkY(v);
    int m = train.rows();
    int q = features * columns;
    double[] yv = new double[2 * q];
    System.arraycopy(y, 0, yv, 0, q);
    System.arraycopy(v, 0, yv, q, q);
    // Columns 0..c-1: the logits Z = A W, overwritten by R; columns c..2c-1: ZV = A V, overwritten by C.
    double[] zz = Matrices.multiply(train.matrix(), m, features, false, yv, features, 2 * columns, false);
    int at = m * columns;
    int[] labels = train.labels();
    double inv = 1.0 / m;
    if (columns == 1) {
      for (int s = 0; s < m; s++) {
        double p = Activations.sigmoid(zz[s]);
        double t = labels[s] == 1 ? 1.0 : 0.0;
        zz[at + s] *= p * (1.0 - p) * inv;
        zz[s] = (p - t) * inv;
      }
    } else {
      double[] p = new double[columns];
      for (int s = 0; s < m; s++) {
        // The softmax as Activations.softmaxRowsInPlace computes it (hessianVector), and the residual as
        // loss computes it, from the log-sum-exp of the same sum.
        double lse = Activations.softmaxRow(zz, s, m, columns, p);
        double dot = 0.0;
        for (int k = 0; k < columns; k++) dot += p[k] * zz[at + s + k * m];
        for (int k = 0; k < columns; k++) {
          zz[at + s + k * m] = p[k] * (zz[at + s + k * m] - dot) * inv;
          zz[s + k * m] = (Math.exp(zz[s + k * m] - lse) - (k == labels[s] ? 1.0 : 0.0)) * inv;
        }
      }
    }
    double[] back = Matrices.multiply(train.matrix(), m, features, true, zz, m, 2 * columns, false);
    double[] grad = Arrays.copyOfRange(back, 0, q);
    double[] hv = Arrays.copyOfRange(back, q, 2 * q);
    double[] e = strengths(x);
    addPenalty(grad, e, y);
    addPenalty(hv, e, v);
    return new LowerOracles(grad, hv, jacobianVector(x, y, v));
  }

  /** Validation loss as the upper loss, and correct / count on the test split. */
  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    double upper = upperValue(x, y);
    int m = test.rows();
    if (m == 0) return new Evaluation(upper, 0.0, 0.0);
    double[] z = Matrices.multiply(test.matrix(), m, features, false, y, features, columns, false);
    int correct = 0;
    for (int s = 0; s < m; s++) {
      int predicted;
      if (columns == 1) {
        predicted = z[s] > 0.0 ? 1 : 0;
      } else {
        predicted = 0;
        for (int k = 1; k < columns; k++) if (z[s + k * m] > z[s + predicted * m]) predicted = k;
      }
      if (predicted == test.labels()[s]) correct++;
    }
    return new Evaluation(upper, correct, m);
  }

  /**
   * This shard's part of the smoothness estimate: kappa max(lambda_max(A'A) / m) over the training and
   * validation splits (kappa = 1/4 binary, 1/2 softmax), the data term of {@link LogisticHpoProblem#smoothness}.
   */
  public double curvatureBound() {
    double kappa = columns == 1 ? 0.25 : 0.5;
    double l = 0.0;
    for (Split s : new Split[] {train, validation}) {
      if (s.rows() == 0) continue;
      double[] gram = Matrices.multiply(s.matrix(), s.rows(), features, true, s.matrix(), s.rows(), features, false);
      l = Math.max(l, kappa * DenseSymmetric.largestEigenvalue(gram, features) / s.rows());
    }
    return l;
  }

  /** exp(clip(lambda_j)) for every feature j (the scalar is repeated). */
  private double[] strengths(double[] x) {
    checkX(x);
    double[] e = new double[features];
    for (int j = 0; j < features; j++) {
      double lambda = x[shape == HyperparameterShape.PER_FEATURE ? j : 0];
      e[j] = Math.exp(Math.min(LogisticHpoProblem.LAMBDA_MAX, Math.max(LogisticHpoProblem.LAMBDA_MIN, lambda)));
    }
    return e;
  }

  /** In place: out += D v, D = diag(e) applied to each row of the d x c matrix v. */
  private void addPenalty(double[] out, double[] e, double[] v) {
    for (int k = 0; k < columns; k++) {
      for (int j = 0; j < features; j++) out[j + k * features] += e[j] * v[j + k * features];
    }
  }

  /** A'(P - T) / m for a split. */
  private double[] lossGradient(Split split, double[] w) {
    int m = split.rows();
    double[] residual = new double[m * columns];
    loss(split, w, residual);
    return Matrices.multiply(split.matrix(), m, features, true, residual, m, columns, false);
  }

  /**
   * Mean cross-entropy of a split at weights w; when {@code residual} is not null it receives
   * (P - T) / m. Uses log(1 + e^z) = max(z, 0) + log1p(e^-|z|) and a max-shifted log-sum-exp so that
   * large logits neither overflow nor lose the loss.
   */
  private double loss(Split split, double[] w, double[] residual) {
    checkY(w);
    int m = split.rows();
    double[] z = Matrices.multiply(split.matrix(), m, features, false, w, features, columns, false);
    int[] labels = split.labels();
    double inv = 1.0 / m;
    double sum = 0.0;
    if (columns == 1) {
      for (int s = 0; s < m; s++) {
        double t = labels[s] == 1 ? 1.0 : 0.0;
        sum += Math.max(z[s], 0.0) + Math.log1p(Math.exp(-Math.abs(z[s]))) - t * z[s];
        if (residual != null) residual[s] = (Activations.sigmoid(z[s]) - t) * inv;
      }
    } else {
      for (int s = 0; s < m; s++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < columns; k++) max = Math.max(max, z[s + k * m]);
        double total = 0.0;
        for (int k = 0; k < columns; k++) total += Math.exp(z[s + k * m] - max);
        double lse = max + Math.log(total);
        sum += lse - z[s + labels[s] * m];
        if (residual != null) {
          for (int k = 0; k < columns; k++) {
            residual[s + k * m] = (Math.exp(z[s + k * m] - lse) - (k == labels[s] ? 1.0 : 0.0)) * inv;
          }
        }
      }
    }
    return sum * inv;
  }

  /** P (m x c): sigmoid or row-wise softmax of the logits of a split. */
  private double[] probabilities(Split split, double[] w) {
    checkY(w);
    int m = split.rows();
    double[] z = Matrices.multiply(split.matrix(), m, features, false, w, features, columns, false);
    if (columns == 1) {
      for (int s = 0; s < m; s++) z[s] = Activations.sigmoid(z[s]);
      return z;
    }
    Activations.softmaxRowsInPlace(z, m, columns);
    return z;
  }


  private void checkX(double[] x) {
    if (x.length != dimX()) throw new IllegalArgumentException("x has length " + x.length + ", expected " + dimX());
  }

  private void checkY(double[] y) {
    if (y.length != dimY()) throw new IllegalArgumentException("y has length " + y.length + ", expected " + dimY());
  }
}
