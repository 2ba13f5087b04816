package dbo.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A labelled feature table held compactly: n rows of d features and a class in [0, K) per row.
 *
 * <p>Storage is row-major and one of two kinds, so that 70,000 x 784 images fit in 55 MB rather than the
 * 440 MB of doubles: {@linkplain #ofPixels unsigned bytes} (images; a feature is byte / 255, in [0, 1]) or
 * {@linkplain #ofFloats floats} (LIBSVM and CSV tables, values as read). Dense double blocks, the currency
 * of the oracles, are built per shard with {@link #columnMajor(int[], boolean)} only for the rows an agent
 * owns. Instances are immutable; the arrays are not copied, so callers must not change them after
 * construction.
 *
 * <p>{@link #classValues()} keeps, for each class index, the label as written in the source file
 * (0..9 for the IDX images; the sorted distinct labels of a LIBSVM or CSV file, e.g. -1, 1).
 */
public final class Dataset implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double PIXEL_MAX = 255.0;

  private final String name;
  private final int rows;
  private final int features;
  private final int classes;
  private final byte[] pixels;
  private final float[] values;
  private final int[] labels;
  private final int[] classValues;

  private Dataset(String name, int rows, int features, int classes, byte[] pixels, float[] values, int[] labels,
                  int[] classValues) {
    if (rows < 0 || features < 1 || classes < 1) {
      throw new IllegalArgumentException(name + ": need rows >= 0, features >= 1, classes >= 1; got "
          + rows + ", " + features + ", " + classes);
    }
    long cells = (long) rows * features;
    int stored = pixels != null ? pixels.length : values.length;
    if (cells != stored || labels.length != rows || classValues.length != classes) {
      throw new IllegalArgumentException(name + ": " + rows + " x " + features + " table with " + stored
          + " cells, " + labels.length + " labels and " + classValues.length + " class values");
    }
    for (int s = 0; s < rows; s++) {
      if (labels[s] < 0 || labels[s] >= classes) {
        throw new IllegalArgumentException(name + ": label " + labels[s] + " of row " + s
            + " is out of range [0, " + classes + ")");
      }
    }
    this.name = name;
    this.rows = rows;
    this.features = features;
    this.classes = classes;
    this.pixels = pixels;
    this.values = values;
    this.labels = labels;
    this.classValues = classValues;
  }

  /** Images as unsigned bytes, row-major (rows x features); feature value = byte / 255. Classes 0..K-1. */
  public static Dataset ofPixels(String name, byte[] pixels, int rows, int features, int[] labels, int classes) {
    int[] ids = new int[classes];
    for (int k = 0; k < classes; k++) ids[k] = k;
    return new Dataset(name, rows, features, classes, pixels, null, labels, ids);
  }

  /**
   * A real-valued table, row-major (rows x features), with labels already mapped to [0, K) and the
   * source label of each class index.
   */
  public static Dataset ofFloats(String name, float[] values, int rows, int features, int[] labels,
                                 int[] classValues) {
    return new Dataset(name, rows, features, classValues.length, null, values, labels, classValues);
  }

  /** Where the data came from (a file or directory), for messages and manifests. */
  public String name() {
    return name;
  }

  public int rows() {
    return rows;
  }

  public int features() {
    return features;
  }

  /** Number of classes K. */
  public int classes() {
    return classes;
  }

  /** True when features are stored as bytes / 255 (images). */
  public boolean isPixels() {
    return pixels != null;
  }

  /** The class index of row {@code row}. */
  public int label(int row) {
    return labels[row];
  }

  /** A copy of every row's class index. */
  public int[] labels() {
    return labels.clone();
  }

  /** The source label of each class index (a copy). */
  public int[] classValues() {
    return classValues.clone();
  }

  /** Feature {@code col} of row {@code row} as a double. */
  public double feature(int row, int col) {
    int at = row * features + col;
    return pixels != null ? (pixels[at] & 0xFF) / PIXEL_MAX : values[at];
  }

  /** The raw bytes of a pixel table (not copied), for writers; null for float tables. */
  byte[] pixelBytes() {
    return pixels;
  }

  /** Number of rows of each class. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int l : labels) counts[l]++;
    return counts;
  }

  /**
   * The given rows as a dense column-major double block (rows.length x d, or x (d + 1) with a trailing
   * column of ones when {@code withBias}), the layout of {@link dbo.linalg.Matrices}.
   */
  public double[] columnMajor(int[] selected, boolean withBias) {
    int m = selected.length;
    int cols = features + (withBias ? 1 : 0);
    double[] out = new double[m * cols];
    for (int k = 0; k < m; k++) {
      int base = selected[k] * features;
      if (pixels != null) {
        for (int j = 0; j < features; j++) out[k + j * m] = (pixels[base + j] & 0xFF) / PIXEL_MAX;
      } else {
        for (int j = 0; j < features; j++) out[k + j * m] = values[base + j];
      }
    }
    if (withBias) Arrays.fill(out, features * m, cols * m, 1.0);
    return out;
  }

  /** The class indices of the given rows. */
  public int[] labels(int[] selected) {
    int[] out = new int[selected.length];
    for (int k = 0; k < selected.length; k++) out[k] = labels[selected[k]];
    return out;
  }

  /** The given rows (in that order) as a new data set of the same storage kind, copied. */
  public Dataset subset(int[] selected) {
    int m = selected.length;
    int[] l = labels(selected);
    if (pixels != null) {
      byte[] p = new byte[m * features];
      for (int k = 0; k < m; k++) System.arraycopy(pixels, selected[k] * features, p, k * features, features);
      return new Dataset(name, m, features, classes, p, null, l, classValues);
    }
    float[] v = new float[m * features];
    for (int k = 0; k < m; k++) System.arraycopy(values, selected[k] * features, v, k * features, features);
    return new Dataset(name, m, features, classes, null, v, l, classValues);
  }

  /** The rows [0, a.rows) of {@code a} followed by those of {@code b}: same kind, features and classes. */
  public static Dataset concat(String name, Dataset a, Dataset b) {
    if (a.features != b.features || a.isPixels() != b.isPixels() || !Arrays.equals(a.classValues, b.classValues)) {
      throw new IllegalArgumentException(name + ": cannot join " + a.name + " and " + b.name
          + " (different features, storage or classes)");
    }
    int[] labels = Arrays.copyOf(a.labels, a.rows + b.rows);
    System.arraycopy(b.labels, 0, labels, a.rows, b.rows);
    if (a.isPixels()) {
      byte[] p = Arrays.copyOf(a.pixels, a.pixels.length + b.pixels.length);
      System.arraycopy(b.pixels, 0, p, a.pixels.length, b.pixels.length);
      return new Dataset(name, a.rows + b.rows, a.features, a.classes, p, null, labels, a.classValues);
    }
    float[] v = Arrays.copyOf(a.values, a.values.length + b.values.length);
    System.arraycopy(b.values, 0, v, a.values.length, b.values.length);
    return new Dataset(name, a.rows + b.rows, a.features, a.classes, null, v, labels, a.classValues);
  }

  @Override
  public String toString() {
    return "Dataset(" + name + ", " + rows + " x " + features + ", " + classes + " classes, "
        + (isPixels() ? "uint8 pixels" : "float") + ")";
  }
}
