package dbo.algorithm.compression;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Top-k sparsification: keeps the ceil(k d) entries of largest magnitude (ties to the lower index) and
 * zeros the rest. Sent: each kept value (a double) with its index (a 32-bit integer). Deterministic;
 * ||C(v) - v||^2 <= (1 - k) ||v||^2, a contraction with delta = k (Stich et al., 2018).
 *
 * @param fraction k, in (0, 1]
 */
public record TopK(double fraction) implements Compressor {
  private static final long serialVersionUID = 1L;

  public TopK {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("top-k fraction " + fraction + " is out of range; allowed: 0 < k <= 1");
    }
  }

  @Override
  public double[] compress(double[] v, SplittableRandom random) {
    int d = v.length;
    int keep = Compressor.kept(fraction, d);
    double[] out = new double[d];
    if (keep == d) {
      System.arraycopy(v, 0, out, 0, d);
      return out;
    }
    double[] magnitude = new double[d];
    for (int i = 0; i < d; i++) magnitude[i] = Math.abs(v[i]);
    double[] sorted = magnitude.clone();
    Arrays.sort(sorted);
    double threshold = sorted[d - keep];
    int taken = 0;
    for (int i = 0; i < d && taken < keep; i++) {
      if (magnitude[i] > threshold) {
        out[i] = v[i];
        taken++;
      }
    }
    for (int i = 0; i < d && taken < keep; i++) {
      if (magnitude[i] == threshold) {
        out[i] = v[i];
        taken++;
      }
    }
    return out;
  }

  @Override
  public long floats(int d) {
    return Compressor.kept(fraction, d);
  }

  @Override
  public long bytes(int d) {
    return (long) Compressor.kept(fraction, d) * (VALUE_BYTES + INDEX_BYTES);
  }

  @Override
  public double delta(int d) {
    return d == 0 ? 1.0 : (double) Compressor.kept(fraction, d) / d;
  }

  @Override
  public String describe() {
    return "top-k(" + fraction + ")";
  }
}
