package dbo.algorithm.compression;

import dbo.random.RandomStreams;
import java.util.SplittableRandom;

/**
 * Random-k sparsification: keeps ceil(k d) entries chosen uniformly without replacement, unscaled (the
 * biased form CHOCO-gossip uses; E||C(v) - v||^2 = (1 - k') ||v||^2 with k' = ceil(k d) / d). The indices
 * come from the sender's seeded stream for this message, keyed by (seed, agent, purpose, round counter),
 * which every receiver can regenerate: only the values are sent (doubles), no indices.
 *
 * @param fraction k, in (0, 1]
 */
public record RandomK(double fraction) implements Compressor {
  private static final long serialVersionUID = 1L;

  public RandomK {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("random-k fraction " + fraction + " is out of range; allowed: 0 < k <= 1");
    }
  }

  @Override
  public double[] compress(double[] v, SplittableRandom random) {
    int d = v.length;
    int keep = Compressor.kept(fraction, d);
    double[] out = new double[d];
    for (int i : RandomStreams.subset(random, d, keep)) out[i] = v[i];
    return out;
  }

  @Override
  public long floats(int d) {
    return Compressor.kept(fraction, d);
  }

  @Override
  public long bytes(int d) {
    return (long) Compressor.kept(fraction, d) * VALUE_BYTES;
  }

  @Override
  public double delta(int d) {
    return d == 0 ? 1.0 : (double) Compressor.kept(fraction, d) / d;
  }

  @Override
  public String describe() {
    return "random-k(" + fraction + ")";
  }
}
