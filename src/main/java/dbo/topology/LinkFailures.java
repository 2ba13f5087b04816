package dbo.topology;

import dbo.random.RandomStreams;
import java.io.Serializable;

/**
 * {@code topology.link-failure}: at every iteration k each undirected edge {i, j} fails, independently,
 * with probability q. The draw is u = the first double of the stream (seed, edge key, LINK_FAILURE, k) and
 * the edge fails when u < q, so every runner, every Spark master and a resumed run see the same failures,
 * and levels with different q fail the same edges first (common random numbers).
 *
 * @param probability q in [0, 1); 0 = no failures (the default)
 * @param seed the run's master seed
 */
public record LinkFailures(double probability, long seed) implements Serializable {
  public static final LinkFailures NONE = new LinkFailures(0.0, 0L);

  public LinkFailures {
    if (!(probability >= 0.0 && probability < 1.0)) {
      throw new IllegalArgumentException("topology.link-failure = " + probability + " is outside [0, 1); it is"
          + " the probability that a link fails in an iteration (0 = reliable links)");
    }
  }

  public boolean none() {
    return probability == 0.0;
  }

  /** Whether edge {i, j} fails at iteration k. */
  public boolean fails(int i, int j, long k) {
    if (probability == 0.0) return false;
    return RandomStreams.of(seed, edgeKey(i, j), RandomStreams.LINK_FAILURE, k).nextDouble() < probability;
  }

  /** The same key for {i, j} and {j, i}, independent of the number of agents. */
  static long edgeKey(int i, int j) {
    return ((long) Math.min(i, j) << 32) | Math.max(i, j);
  }
}
