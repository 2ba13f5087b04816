package dbo.data;

import dbo.random.RandomStreams;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The labelled rows from which few-shot tasks are drawn ({@code problem.meta-learning.data}): one or more
 * tables in any format the readers take, their classes pooled (table t's class k becomes class
 * offset_t + k, in the order the tables are listed, e.g. MNIST's 10 digits then Fashion-MNIST's 10 items),
 * or a generated set of classes ({@link Synthetic}). Rows are numbered the same way: table 0's rows first.
 *
 * <p>{@link #labels()} reads labels only (the driver's validation); {@link #block} reads features where it
 * is called (on the Spark runner: on the executor that builds a shard), each table once per JVM.
 */
public sealed interface ClassTables extends Serializable {
  /** Every row's pooled class index, in pooled row order. Callers must not modify it. */
  int[] labels();

  /** Number of pooled classes. */
  int classes();

  /** Features per row d (every table must have the same). */
  int features();

  /** The given rows as a dense column-major (rows.length x (d + 1)) block with a trailing column of ones. */
  double[] block(int[] rows);

  /** One line for manifests. */
  String describe();

  /** The rows of each class, ascending: {@code result[c]} lists the rows whose class is c. */
  default int[][] rowsByClass() {
    int[] labels = labels();
    int[] counts = new int[classes()];
    for (int l : labels) counts[l]++;
    int[][] out = new int[classes()][];
    for (int c = 0; c < out.length; c++) out[c] = new int[counts[c]];
    int[] at = new int[classes()];
    for (int r = 0; r < labels.length; r++) out[labels[r]][at[labels[r]]++] = r;
    return out;
  }

  /**
   * Tables on disk, classes pooled in list order.
   *
   * @param tables one or more tables with the same number of features
   */
  record Files(List<TableSource> tables) implements ClassTables {
    private static final Map<Files, int[][]> LABELS = new ConcurrentHashMap<>();

    public Files {
      if (tables == null || tables.isEmpty()) {
        throw new IllegalArgumentException("problem.meta-learning.data.paths is empty; list at least one table");
      }
      tables = List.copyOf(tables);
    }

    /** Per table: its labels (class indices within the table), then one entry {classes, features}. */
    private int[][] scans() {
      return LABELS.computeIfAbsent(this, k -> {
        int[][] out = new int[2 * tables.size()][];
        for (int t = 0; t < tables.size(); t++) {
          TableSource.Labels l = tables.get(t).scanLabels();
          out[2 * t] = l.labels();
          out[2 * t + 1] = new int[] {l.classValues().length, l.features()};
        }
        return out;
      });
    }

    @Override
    public int[] labels() {
      int[][] s = scans();
      int total = 0;
      for (int t = 0; t < tables.size(); t++) total += s[2 * t].length;
      int[] out = new int[total];
      int at = 0;
      int offset = 0;
      for (int t = 0; t < tables.size(); t++) {
        for (int l : s[2 * t]) out[at++] = offset + l;
        offset += s[2 * t + 1][0];
      }
      return out;
    }

    @Override
    public int classes() {
      int[][] s = scans();
      int c = 0;
      for (int t = 0; t < tables.size(); t++) c += s[2 * t + 1][0];
      return c;
    }

    @Override
    public int features() {
      int[][] s = scans();
      int d = s[1][1];
      for (int t = 1; t < tables.size(); t++) {
        if (s[2 * t + 1][1] != d) {
          throw new IllegalArgumentException("problem.meta-learning.data.paths: " + tables.get(t).path() + " has "
              + s[2 * t + 1][1] + " features, " + tables.get(0).path() + " has " + d
              + "; every table needs the same features");
        }
      }
      return d;
    }

    @Override
    public double[] block(int[] rows) {
      int[][] s = scans();
      int[] starts = new int[tables.size() + 1];
      for (int t = 0; t < tables.size(); t++) starts[t + 1] = starts[t] + s[2 * t].length;
      Dataset[] data = new Dataset[tables.size()];
      int d = features();
      int m = rows.length;
      double[] out = new double[m * (d + 1)];
      for (int k = 0; k < m; k++) {
        int t = Arrays.binarySearch(starts, rows[k]);
        t = t >= 0 ? t : -t - 2;
        while (starts[t + 1] == starts[t]) t++;
        if (data[t] == null) data[t] = tables.get(t).read();
        int local = rows[k] - starts[t];
        for (int j = 0; j < d; j++) out[k + j * m] = data[t].feature(local, j);
        out[k + d * m] = 1.0;
      }
      return out;
    }

    @Override
    public String describe() {
      List<String> parts = new ArrayList<>();
      for (TableSource t : tables) parts.add(t.format().name().toLowerCase(java.util.Locale.ROOT) + " " + t.path());
      return String.join(" + ", parts);
    }
  }

  /**
   * Generated classes that share a low-dimensional structure, so that a learned representation transfers
   * to unseen classes: a common random basis B (d x r, i.i.d. N(0, 1/r) entries), class c's mean
   * mu_c = B u_c with u_c ~ N(0, separation^2 I_r), and a row of class c is mu_c + N(0, noise^2 I_d). A good
   * feature map projects onto the span of B and drops the d - r noise directions; random features keep
   * them. Streams: B and the class means from (seed, SHARED, DATA, 1), the rows from (seed, SHARED, DATA, 2).
   *
   * @param classes number of classes, >= 2
   * @param perClass rows per class, >= 1
   * @param features d >= 1
   * @param latent r in [1, d]
   * @param separation standard deviation of the class coordinates u_c, > 0
   * @param noise standard deviation of the per-row noise, >= 0
   * @param seed the generator's seed
   */
  record Synthetic(int classes, int perClass, int features, int latent, double separation, double noise, long seed)
      implements ClassTables {
    private static final Map<Synthetic, float[]> CACHE = new ConcurrentHashMap<>();

    public Synthetic {
      if (classes < 2 || perClass < 1 || features < 1 || latent < 1 || latent > features
          || !(separation > 0) || !(noise >= 0)) {
        throw new IllegalArgumentException("problem.meta-learning.synthetic: classes = " + classes + ", per-class = "
            + perClass + ", features = " + features + ", latent = " + latent + ", separation = " + separation
            + ", noise = " + noise + " are out of range; allowed: classes >= 2, per-class >= 1, 1 <= latent <="
            + " features, separation > 0, noise >= 0");
      }
    }

    @Override
    public int[] labels() {
      int[] out = new int[classes * perClass];
      for (int r = 0; r < out.length; r++) out[r] = r / perClass;
      return out;
    }

    /** Row-major values, rows class by class; generated once per JVM. */
    private float[] values() {
      return CACHE.computeIfAbsent(this, k -> {
        SplittableRandom structure = RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.DATA, 1);
        double[] basis = new double[features * latent];
        for (int i = 0; i < basis.length; i++) basis[i] = structure.nextGaussian() / Math.sqrt(latent);
        double[] means = new double[classes * features];
        for (int c = 0; c < classes; c++) {
          double[] u = new double[latent];
          for (int a = 0; a < latent; a++) u[a] = separation * structure.nextGaussian();
          for (int j = 0; j < features; j++) {
            double s = 0.0;
            for (int a = 0; a < latent; a++) s += basis[j + a * features] * u[a];
            means[c * features + j] = s;
          }
        }
        SplittableRandom rows = RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.DATA, 2);
        float[] v = new float[classes * perClass * features];
        for (int r = 0; r < classes * perClass; r++) {
          int c = r / perClass;
          for (int j = 0; j < features; j++) {
            v[r * features + j] = (float) (means[c * features + j] + noise * rows.nextGaussian());
          }
        }
        return v;
      });
    }

    @Override
    public double[] block(int[] rows) {
      float[] v = values();
      int m = rows.length;
      double[] out = new double[m * (features + 1)];
      for (int k = 0; k < m; k++) {
        for (int j = 0; j < features; j++) out[k + j * m] = v[rows[k] * features + j];
        out[k + features * m] = 1.0;
      }
      return out;
    }

    @Override
    public String describe() {
      return "synthetic " + classes + " classes x " + perClass + " rows, d = " + features + ", latent " + latent
          + ", separation " + separation + ", noise " + noise + ", seed " + seed;
    }
  }
}
