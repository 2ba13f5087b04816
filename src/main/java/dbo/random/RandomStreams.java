package dbo.random;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Every random stream in the project is derived from (master seed, agent, purpose, step), so results never
 * depend on executor cores, partition scheduling or the order in which agents run, and a resumed run
 * draws exactly what an uninterrupted one would. No stream position needs to be stored.
 */
public final class RandomStreams {
  /** Purposes: one independent stream family each. */
  public static final long DATA = 1;
  public static final long HETEROGENEITY = 2;
  public static final long SHARD_SIZE = 3;
  public static final long TOPOLOGY = 4;
  public static final long REFRESH = 5;
  public static final long BATCH_UPPER = 6;
  public static final long BATCH_LOWER = 7;
  /** Link failures: the "agent" is the undirected edge's key, the step the iteration. */
  public static final long LINK_FAILURE = 8;
  /** Random-k indices and quantizer rounding; step = the agent's message counter. */
  public static final long COMPRESSION = 12;
  /** Agent index used for streams shared by all agents (a shared coin, the common model). */
  public static final long SHARED = -1;

  private RandomStreams() {}

  /** A fresh generator for (seed, agent, purpose, step). */
  public static SplittableRandom of(long seed, long agent, long purpose, long step) {
    return new SplittableRandom(key(seed, agent, purpose, step));
  }

  /** A fresh generator for (seed, agent, purpose), for draws that do not change over iterations. */
  public static SplittableRandom of(long seed, long agent, long purpose) {
    return of(seed, agent, purpose, 0);
  }

  /**
   * min(size, population) distinct indices of [0, population), uniformly at random (the first steps of a
   * Fisher-Yates shuffle, one {@code nextInt} each), sorted ascending. Mini-batches (rows keep the shard's
   * order) and random-k compression (the kept entries) draw with it.
   */
  public static int[] subset(SplittableRandom rng, int population, int size) {
    int k = Math.min(size, population);
    int[] perm = new int[population];
    for (int i = 0; i < population; i++) perm[i] = i;
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(population - i);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    int[] out = Arrays.copyOf(perm, k);
    Arrays.sort(out);
    return out;
  }

  static long key(long seed, long agent, long purpose, long step) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ (agent * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L));
    h = mix(h ^ (purpose * 0x94D049BB133111EBL + 0x2545F4914F6CDD1DL));
    h = mix(h ^ (step * 0xD6E8FEB86659FD93L + 0x9E3779B97F4A7C15L));
    return h;
  }

  /** The SplitMix64 finalizer: a bijective mix of 64 bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
