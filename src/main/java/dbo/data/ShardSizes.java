package dbo.data;

import dbo.random.RandomStreams;

/**
 * How many samples each agent holds (ALGORITHMS.md section 9, "unequal shard sizes").
 *
 * <p>Equal shards give every agent the nominal size. Unequal shards scale the nominal size by a factor
 * 2^u with u uniform on [-2, 1], i.e. a log-uniform factor between {@link #MIN_FACTOR} = 0.25 and
 * {@link #MAX_FACTOR} = 2, drawn from the stream (seed, agent, {@link RandomStreams#SHARD_SIZE}). The
 * factor is therefore a pure function of (seed, agent): an executor building one agent's shard needs no
 * knowledge of the others. One agent uses one factor for all its splits (train, validation, test), so an
 * agent with more training data also has more validation and test data.
 */
public final class ShardSizes {
  /** Smallest factor applied to the nominal size when shards are unequal. */
  public static final double MIN_FACTOR = 0.25;
  /** Largest factor applied to the nominal size when shards are unequal. */
  public static final double MAX_FACTOR = 2.0;

  private ShardSizes() {}

  /** The size factor of {@code agent}: 1 for equal shards, else log-uniform in [0.25, 2]. */
  public static double factor(long seed, int agent, boolean unequal) {
    if (!unequal) return 1.0;
    double lo = Math.log(MIN_FACTOR);
    double hi = Math.log(MAX_FACTOR);
    double u = RandomStreams.of(seed, agent, RandomStreams.SHARD_SIZE).nextDouble();
    return Math.exp(lo + u * (hi - lo));
  }

  /**
   * A nominal size scaled by a factor and rounded; at least 1 so that no agent is left with an empty
   * split (a zero nominal size stays zero, for optional splits).
   */
  public static int scale(int nominal, double factor) {
    if (nominal == 0) return 0;
    return (int) Math.max(1L, Math.round(nominal * factor));
  }

  /** The size of {@code agent}'s split whose nominal size is {@code nominal}. */
  public static int size(long seed, int agent, int nominal, boolean unequal) {
    return scale(nominal, factor(seed, agent, unequal));
  }

  /** The sizes of every agent's split, in agent order. */
  public static int[] sizes(long seed, int agents, int nominal, boolean unequal) {
    int[] out = new int[agents];
    for (int i = 0; i < agents; i++) out[i] = size(seed, i, nominal, unequal);
    return out;
  }
}
