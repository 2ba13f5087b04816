package dbo.algorithm.compression;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * A compression operator C for one mixed vector (docs/ALGORITHMS.md, "Compressed messages"): what an agent
 * puts on the wire instead of the vector itself. Messages stay dense arrays in memory (zeros where nothing
 * was sent); {@link #floats} and {@link #bytes} say what a wire encoding of C(v) takes, and are what the
 * {@code floats_sent} and {@code bytes_sent} columns count.
 *
 * <p>Every compressor here maps 0 to 0, which is what makes the compressed mixing exact at a fixed point:
 * once an agent's message equals its public copy, it sends nothing that moves anyone.
 */
public sealed interface Compressor extends Serializable permits Identity, TopK, RandomK, StochasticQuantizer {
  /** C(v) as a new dense array; {@code random} is the message's own stream (unused by deterministic ones). */
  double[] compress(double[] v, SplittableRandom random);

  /** Numbers sent for a vector of length {@code d}: values, and a quantizer's scale (indices are not counted). */
  long floats(int d);

  /** Bytes sent for a vector of length {@code d}. */
  long bytes(int d);

  /**
   * delta with E||C(v) - v||^2 <= (1 - delta) ||v||^2 for sparsifiers, the fraction of entries sent; 1 for
   * the identity and the quantizer (unbiased; no contraction bound is claimed for it). The automatic
   * consensus step of {@link ChocoMixing}.
   */
  double delta(int d);

  /** Short name for labels, e.g. "top-k(0.1)". */
  String describe();

  /** The number of entries a fraction {@code k} of {@code d} keeps: ceil(k d), at least 1. */
  static int kept(double k, int d) {
    if (d == 0) return 0;
    // The small slack keeps 0.1 * 30 = 3.0000000000000004 at 3.
    return (int) Math.max(1, Math.min(d, Math.ceil(k * d - 1e-9)));
  }

  /** Bytes of one value: an IEEE double. */
  int VALUE_BYTES = Double.BYTES;
  /** Bytes of one index: a 32-bit integer. */
  int INDEX_BYTES = Integer.BYTES;
}
