package dbo.problem;

import dbo.data.ClassTables;
import dbo.linalg.Matrices;
import dbo.linalg.Vectors;
import java.util.Arrays;

/**
 * One agent of {@link MetaLearningProblem}: its T few-shot training tasks (support and query rows with a
 * bias column), its share of the meta-test tasks, and the oracles of
 *
 * <pre>
 *   g_i(U, y) = (1/T) sum_t CE(F_t^S V_t; support labels) + (lambda/2) ||y||^2
 *   f_i(U, y) = (1/T) sum_t CE(F_t^Q V_t; query labels)
 *   F = [tanh(A U), 1]      (rows x (h + 1)),   A = [pixels, 1] (rows x (d + 1)),   U = x as a (d + 1) x h matrix
 * </pre>
 * where V_t ((h + 1) x N) is the slot of y that holds task t's head (slot {@code firstSlot + t}; the other
 * agents' slots get no gradient from this agent's CE, only the ridge). With R = (P - T) / m the residual and
 * C(w) = (diag(p) - pp') w / m the softmax curvature row by row (tasks and their rows class-major,
 * {@link FewShotTask}):
 *
 * <pre>
 *   grad_{V_t} g = F_t' R_t / T + lambda V_t              H z |_t = F_t' C(F_t z_t) / T + lambda z_t
 *   grad_U g     = A' [ (R_t V_t')_{:, 1..h} o (1 - tanh^2) ]_t / T
 *   J z          = A' [ (C(F_t z_t) V_t' + R_t z_t')_{:, 1..h} o (1 - tanh^2) ]_t / T
 * </pre>
 * (o the elementwise product; the last column of each (m x (h + 1)) product is the bias's and is dropped),
 * the upper gradients the same on the query rows without lambda. The products with A are one dgemm over
 * all of the agent's support (or query) rows; the per-task products are small dgemms.
 *
 * <p>{@link #evaluate} reports f_i and, as test accuracy, the agent's share of the meta-test: each test task's
 * head fitted with U frozen ({@link HeadFit}, ridge rho), its query rows classified.
 */
public final class MetaLearningShard implements LocalProblem, TaskAdaptation {
  private static final long serialVersionUID = 1L;

  private final int columns;
  private final int hidden;
  private final int ways;
  private final int shots;
  private final int queries;
  private final int tasks;
  private final int firstSlot;
  private final int slots;
  private final double lambda;
  private final double rho;
  private final double[] support;
  private final double[] query;
  private final ClassTables data;
  private final FewShotTask[] testTasks;

  /**
   * @param columns d + 1 (the inputs with their bias column)
   * @param support the T tasks' support rows, task after task, (T N K x (d + 1)) column-major
   * @param query the T tasks' query rows, (T N Q x (d + 1))
   * @param data the rows the meta-test tasks' features are read from, where they are evaluated (a few
   *     hundred tasks' features would outweigh the shard, and each is used once per evaluation)
   * @param testTasks this agent's meta-test tasks
   * @param firstSlot the slot of y holding this agent's first task's head
   * @param slots the number of heads in y (every task of every agent)
   * @param rho the ridge weight of one task's lower level, n T lambda
   */
  MetaLearningShard(int columns, int hidden, int ways, int shots, int queries, int tasks, int firstSlot, int slots,
      double lambda, double rho, double[] support, double[] query, ClassTables data, FewShotTask[] testTasks) {
    this.columns = columns;
    this.hidden = hidden;
    this.ways = ways;
    this.shots = shots;
    this.queries = queries;
    this.tasks = tasks;
    this.firstSlot = firstSlot;
    this.slots = slots;
    this.lambda = lambda;
    this.rho = rho;
    this.support = support;
    this.query = query;
    this.data = data;
    this.testTasks = testTasks;
  }

  @Override
  public int dimX() {
    return columns * hidden;
  }

  @Override
  public int dimY() {
    return slots * headDim();
  }

  @Override
  public int headDim() {
    return (hidden + 1) * ways;
  }

  @Override
  public int tasks() {
    return tasks;
  }

  /** Support rows of this shard (T N K). */
  @Override
  public int shardSize() {
    return tasks * ways * shots;
  }

  /** One split of the agent's tasks: support (K rows per class) or query (Q). */
  private record Split(double[] rows, int perClass) {}

  private Split supportSplit() {
    return new Split(support, shots);
  }

  private Split querySplit() {
    return new Split(query, queries);
  }

  /**
   * The forward pass of a split at U: every task's features F_t, the tanh derivative 1 - tanh^2 of all
   * rows (M x h, task after task) and every task's logits F_t V_t.
   */
  private record Forward(double[][] features, double[] slope, double[][] logits, int rows) {}

  private Forward forward(Split split, double[] x, double[] y) {
    checkX(x);
    int m = ways * split.perClass();
    int total = tasks * m;
    double[] z = Matrices.multiply(split.rows(), total, columns, false, x, columns, hidden, false);
    double[] slope = new double[total * hidden];
    double[][] features = new double[tasks][];
    double[][] logits = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      double[] f = new double[m * (hidden + 1)];
      for (int j = 0; j < hidden; j++) {
        for (int s = 0; s < m; s++) {
          double a = Math.tanh(z[t * m + s + j * total]);
          f[s + j * m] = a;
          slope[t * m + s + j * total] = 1.0 - a * a;
        }
      }
      Arrays.fill(f, hidden * m, (hidden + 1) * m, 1.0);
      features[t] = f;
      if (y != null) logits[t] = Matrices.multiply(f, m, hidden + 1, false, head(y, t), hidden + 1, ways, false);
    }
    return new Forward(features, slope, logits, m);
  }

  /** Task t's head V_t ((h + 1) x N) in y. */
  private double[] head(double[] y, int t) {
    checkY(y);
    return Arrays.copyOfRange(y, (firstSlot + t) * headDim(), (firstSlot + t + 1) * headDim());
  }

  private double meanLoss(Split split, Forward fw, double[][] residuals) {
    double sum = 0.0;
    for (int t = 0; t < tasks; t++) {
      double[] r = residuals == null ? null : new double[fw.rows() * ways];
      sum += Softmax.crossEntropy(fw.logits()[t], fw.rows(), ways, split.perClass(), r);
      if (residuals != null) residuals[t] = r;
    }
    return sum / tasks;
  }

  @Override
  public double upperValue(double[] x, double[] y) {
    Split q = querySplit();
    return meanLoss(q, forward(q, x, y), null);
  }

  @Override
  public double lowerValue(double[] x, double[] y) {
    Split s = supportSplit();
    return meanLoss(s, forward(s, x, y), null) + 0.5 * lambda * Vectors.normSquared(y);
  }

  /** Places per-task (h + 1) x N blocks, each times 1/T, into this agent's slots of a y-shaped vector. */
  private double[] slotted(double[][] perTask) {
    double[] out = new double[dimY()];
    double inv = 1.0 / tasks;
    for (int t = 0; t < tasks; t++) {
      int at = (firstSlot + t) * headDim();
      for (int k = 0; k < headDim(); k++) out[at + k] = perTask[t][k] * inv;
    }
    return out;
  }

  /** F_t' W_t for every task (each (h + 1) x N). */
  private double[][] backToHeads(Forward fw, double[][] w) {
    double[][] out = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      out[t] = Matrices.multiply(fw.features()[t], fw.rows(), hidden + 1, true, w[t], fw.rows(), ways, false);
    }
    return out;
  }

  /**
   * A' [ (G_t)_{:, 1..h} o (1 - tanh^2) ]_t / T for per-task (m x (h + 1)) matrices G_t: the gradient in U
   * of a function whose gradient in the features is G.
   */
  private double[] backToInputs(Split split, Forward fw, double[][] g) {
    int m = fw.rows();
    int total = tasks * m;
    double[] gz = new double[total * hidden];
    double inv = 1.0 / tasks;
    for (int t = 0; t < tasks; t++) {
      for (int j = 0; j < hidden; j++) {
        for (int s = 0; s < m; s++) {
          int at = t * m + s + j * total;
          gz[at] = g[t][s + j * m] * fw.slope()[at] * inv;
        }
      }
    }
    return Matrices.multiply(split.rows(), total, columns, true, gz, total, hidden, false);
  }

  /** R_t V_t' for every task (each m x (h + 1)). */
  private double[][] residualTimesHeads(Forward fw, double[][] residuals, double[] y) {
    double[][] out = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      out[t] = Matrices.multiply(residuals[t], fw.rows(), ways, false, head(y, t), hidden + 1, ways, true);
    }
    return out;
  }

  @Override
  public double[] gradXUpper(double[] x, double[] y) {
    Split q = querySplit();
    Forward fw = forward(q, x, y);
    double[][] r = new double[tasks][];
    meanLoss(q, fw, r);
    return backToInputs(q, fw, residualTimesHeads(fw, r, y));
  }

  @Override
  public double[] gradYUpper(double[] x, double[] y) {
    Split q = querySplit();
    Forward fw = forward(q, x, y);
    double[][] r = new double[tasks][];
    meanLoss(q, fw, r);
    return slotted(backToHeads(fw, r));
  }

  @Override
  public double[] gradYLower(double[] x, double[] y) {
    return lowerOracles(x, y, null).gradY();
  }

  @Override
  public double[] gradXLower(double[] x, double[] y) {
    Split s = supportSplit();
    Forward fw = forward(s, x, y);
    double[][] r = new double[tasks][];
    meanLoss(s, fw, r);
    return backToInputs(s, fw, residualTimesHeads(fw, r, y));
  }

  @Override
  public double[] hessianVector(double[] x, double[] y, double[] v) {
    return lowerOracles(x, y, v).hessianVector();
  }

  @Override
  public double[] jacobianVector(double[] x, double[] y, double[] v) {
    return lowerOracles(x, y, v).jacobianVector();
  }

  /**
   * grad_y g, H z and J z from one forward pass over the support rows and one product of A' with the
   * stacked per-task terms (the single-oracle methods call this too, so fused and separate agree to the bit).
   * With {@code z == null} only grad_y g is computed (H z and J z are null).
   */
  @Override
  public LowerOracles lowerOracles(double[] x, double[] y, double[] z) {
    Split s = supportSplit();
    Forward fw = forward(s, x, y);
    double[][] r = new double[tasks][];
    meanLoss(s, fw, r);
    double[] grad = slotted(backToHeads(fw, r));
    Vectors.addScaledInPlace(grad, lambda, y);
    if (z == null) return new LowerOracles(grad, null, null);
    checkY(z);
    int m = fw.rows();
    double[][] curv = new double[tasks][];
    double[][] g = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      double[] zt = head(z, t);
      double[] w = Matrices.multiply(fw.features()[t], m, hidden + 1, false, zt, hidden + 1, ways, false);
      curv[t] = Softmax.curvature(fw.logits()[t], w, m, ways);
      double[] a = Matrices.multiply(curv[t], m, ways, false, head(y, t), hidden + 1, ways, true);
      double[] b = Matrices.multiply(r[t], m, ways, false, zt, hidden + 1, ways, true);
      g[t] = Vectors.add(a, b);
    }
    double[] hz = slotted(backToHeads(fw, curv));
    Vectors.addScaledInPlace(hz, lambda, z);
    return new LowerOracles(grad, hz, backToInputs(s, fw, g));
  }

  /**
   * First-order MAML's inner loop on the head (x frozen), for every task of this agent: from
   * {@code head0}, {@code steps} gradient steps of size {@code rate} on the task's support cross-entropy
   * (no ridge); then the gradients of f_i (the mean query cross-entropy) at the adapted heads.
   */
  @Override
  public Adapted adapt(double[] x, double[] head0, int steps, double rate) {
    if (head0.length != headDim()) {
      throw new IllegalArgumentException("head has length " + head0.length + ", expected " + headDim());
    }
    Split s = supportSplit();
    Forward fw = forward(s, x, null);
    int m = fw.rows();
    double[] y = new double[dimY()];
    for (int t = 0; t < tasks; t++) {
      double[] v = head0.clone();
      for (int k = 0; k < steps; k++) {
        double[] logits = Matrices.multiply(fw.features()[t], m, hidden + 1, false, v, hidden + 1, ways, false);
        Softmax.crossEntropy(logits, m, ways, shots, logits);
        double[] grad = Matrices.multiply(fw.features()[t], m, hidden + 1, true, logits, m, ways, false);
        Vectors.addScaledInPlace(v, -rate, grad);
      }
      System.arraycopy(v, 0, y, (firstSlot + t) * headDim(), headDim());
    }
    double[] gradX = gradXUpper(x, y);
    double[] gradY = gradYUpper(x, y);
    double[] gradHead = new double[headDim()];
    for (int t = 0; t < tasks; t++) {
      int at = (firstSlot + t) * headDim();
      for (int k = 0; k < headDim(); k++) gradHead[k] += gradY[at + k];
    }
    return new Adapted(y, gradX, gradHead);
  }

  /** Slots of y per agent's heads: every agent holds the same number of tasks. */
  @Override
  public int agents() {
    return slots / tasks;
  }

  /** f_i, and the correct predictions and query rows of this agent's share of the meta-test at U. */
  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    double upper = upperValue(x, y);
    int correct = 0;
    int count = 0;
    for (int t = 0; t < testTasks.length; t++) {
      correct += testCorrect(x, t);
      count += ways * queries;
    }
    return new Evaluation(upper, correct, count);
  }

  /** Correct query predictions of meta-test task t of this agent, its head fitted with U frozen. */
  int testCorrect(double[] x, int t) {
    checkX(x);
    int ms = ways * shots;
    int mq = ways * queries;
    double[] fs = features(data.block(testTasks[t].support()), ms, x);
    double[] head = HeadFit.fit(fs, ms, hidden + 1, shots, ways, rho);
    return HeadFit.correct(features(data.block(testTasks[t].query()), mq, x), mq, hidden + 1, queries, ways, head);
  }

  /** Number of meta-test tasks this agent evaluates. */
  int testTasks() {
    return testTasks.length;
  }

  /** [tanh(A U), 1] of an (m x (d + 1)) block. */
  private double[] features(double[] block, int m, double[] x) {
    double[] f = Matrices.multiply(block, m, columns, false, x, columns, hidden, false);
    double[] out = Arrays.copyOf(f, m * (hidden + 1));
    for (int k = 0; k < m * hidden; k++) out[k] = Math.tanh(out[k]);
    Arrays.fill(out, m * hidden, m * (hidden + 1), 1.0);
    return out;
  }

  private void checkX(double[] x) {
    if (x.length != dimX()) throw new IllegalArgumentException("x has length " + x.length + ", expected " + dimX());
  }

  private void checkY(double[] y) {
    if (y.length != dimY()) throw new IllegalArgumentException("y has length " + y.length + ", expected " + dimY());
  }
}
