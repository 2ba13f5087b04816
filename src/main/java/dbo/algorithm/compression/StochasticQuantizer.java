package dbo.algorithm.compression;

import java.util.SplittableRandom;

/**
 * b-bit stochastic quantization: with scale s = max_i |v_i|, every entry is rounded at random to one of the
 * 2^b evenly spaced levels -s + l 2s / (2^b - 1), l = 0 .. 2^b - 1, to the level above with probability
 * equal to its distance from the level below in grid units, so E C(v) = v. Sent: the scale (a double) and
 * b bits per entry, ceil(b d / 8) bytes. C(0) = 0 (s = 0 sends the scale only).
 *
 * @param bits b, in [1, 32]
 */
public record StochasticQuantizer(int bits) implements Compressor {
  private static final long serialVersionUID = 1L;

  public StochasticQuantizer {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("quantizer bits " + bits + " is out of range; allowed: 1 <= bits <= 32");
    }
  }

  @Override
  public double[] compress(double[] v, SplittableRandom random) {
    double s = 0;
    for (double x : v) s = Math.max(s, Math.abs(x));
    double[] out = new double[v.length];
    if (s == 0 || !Double.isFinite(s)) {
      if (!Double.isFinite(s)) System.arraycopy(v, 0, out, 0, v.length);
      return out;
    }
    double levels = Math.pow(2, bits) - 1;
    double unit = 2 * s / levels;
    for (int i = 0; i < v.length; i++) {
      double u = Math.min(levels, Math.max(0, (v[i] + s) / unit));
      double below = Math.floor(u);
      double level = random.nextDouble() < u - below ? below + 1 : below;
      out[i] = -s + level * unit;
    }
    return out;
  }

  @Override
  public long floats(int d) {
    return d + 1L;
  }

  @Override
  public long bytes(int d) {
    return VALUE_BYTES + ((long) bits * d + 7) / 8;
  }

  @Override
  public double delta(int d) {
    return 1.0;
  }

  @Override
  public String describe() {
    return bits + "-bit";
  }
}
