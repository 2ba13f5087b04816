package dbo.data;

import java.io.Serializable;

/**
 * Some rows of a {@link Dataset}, copied in its compact storage (bytes or floats), that expand on first use
 * into the dense column-major double block the oracles multiply with (rows x d, plus a trailing column of
 * ones when {@code withBias}). The double block is transient: a block travels (to a Spark executor, into a
 * checkpoint) at 1 or 4 bytes per entry and is expanded once where it is used.
 */
public final class FeatureBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Dataset rows;
  private final boolean withBias;
  private transient double[] dense;

  private FeatureBlock(Dataset rows, boolean withBias) {
    this.rows = rows;
    this.withBias = withBias;
  }

  /** The given rows of {@code data} (in that order). */
  public static FeatureBlock of(Dataset data, int[] selected, boolean withBias) {
    return new FeatureBlock(data.subset(selected), withBias);
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
      dense = d;
    }
    return d;
  }

  /** The given rows of this block (indices into this block). */
  public FeatureBlock select(int[] selected) {
    return of(rows, selected, withBias);
  }
}
