package dbo.data;

import java.io.Serializable;

/**
 * Some rows of a {@link Dataset}, copied in its compact storage (bytes or floats), that expand on first use
 * into the dense column-major double block the oracles multiply with (rows x d, plus a trailing column of
 * ones when {@code withBias}). The double block is transient: a block travels (to a Spark executor, into a
 * checkpoint) at 1 or 4 bytes per entry and is expanded once where it is used. An optional offset (one entry
 * per feature, e.g. the training mean for centered features) is subtracted from every row on expansion; the
 * bias column is not shifted.
 */
public final class FeatureBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Dataset rows;
  private final boolean withBias;
  private final double[] offset;
  private transient double[] dense;

  private FeatureBlock(Dataset rows, boolean withBias, double[] offset) {
    if (offset != null && offset.length != rows.features()) {
      throw new IllegalArgumentException("offset has " + offset.length + " entries, expected " + rows.features());
    }
    this.rows = rows;
    this.withBias = withBias;
    this.offset = offset == null ? null : offset.clone();
  }

  /** The given rows of {@code data} (in that order). */
  public static FeatureBlock of(Dataset data, int[] selected, boolean withBias) {
    return new FeatureBlock(data.subset(selected), withBias, null);
  }

  /**
   * The given rows of {@code data} with {@code offset[j]} subtracted from feature j of every row (null: no
   * shift); the bias column stays 1.
   */
  public static FeatureBlock of(Dataset data, int[] selected, boolean withBias, double[] offset) {
    return new FeatureBlock(data.subset(selected), withBias, offset);
  }

  /** Number of rows m. */
  public int rows() {
    return rows.rows();
  }

  /** Number of columns of the dense block: d, or d + 1 with the bias column. */
  public int columns() {
    return rows.features() + (withBias ? 1 : 0);
  }

  /** The dense column-major (m x columns) block; shared, callers must not modify it. */
  public double[] dense() {
    double[] d = dense;
    if (d == null) {
      int[] all = new int[rows.rows()];
      for (int s = 0; s < all.length; s++) all[s] = s;
      d = rows.columnMajor(all, withBias);
      if (offset != null) {
        int m = rows.rows();
        for (int j = 0; j < offset.length; j++) {
          double o = offset[j];
          for (int k = j * m, end = k + m; k < end; k++) d[k] -= o;
        }
      }
      dense = d;
    }
    return d;
  }

  /** The given rows of this block (indices into this block). */
  public FeatureBlock select(int[] selected) {
    return new FeatureBlock(rows.subset(selected), withBias, offset);
  }
}
