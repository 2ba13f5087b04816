package dbo.data;

import dbo.random.RandomStreams;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Seeded train / validation / test splits of a data set that has no official split of its own (the npm
 * copy of Fashion-MNIST: 70,000 images grouped by class; ALGORITHMS.md section 8 asks for 50,000 /
 * 10,000 / 10,000).
 *
 * <p>The split is a pure function of (n, sizes, seed): a Fisher-Yates shuffle of 0..n-1 from the stream
 * (seed, {@link RandomStreams#SHARED}, {@link #PURPOSE}); the first {@code train} positions are the
 * training set, the next {@code validation} the validation set, the next {@code test} the test set, and
 * each list is then sorted ascending. Sizes may sum to less than n (the rest is unused), e.g. for quick
 * runs on a subset. {@link Split#digest()} identifies the split in a manifest.
 */
public final class Splits {
  /** Stream purpose of the split shuffle (outside the range of {@link RandomStreams}' own constants). */
  public static final long PURPOSE = 101;
  /** Training set size for Fashion-MNIST hyper-cleaning. */
  public static final int DEFAULT_TRAIN = 50_000;
  /** Validation set size for Fashion-MNIST hyper-cleaning. */
  public static final int DEFAULT_VALIDATION = 10_000;
  /** Test set size for Fashion-MNIST hyper-cleaning. */
  public static final int DEFAULT_TEST = 10_000;

  private Splits() {}

  /** Row indices of the three sets, each sorted ascending; disjoint. */
  public record Split(int[] train, int[] validation, int[] test) {
    /**
     * SHA-256 (hex) of the three sizes and then the three index lists, all as big-endian int32, in the order
     * train, validation, test: equal digests mean equal splits.
     */
    public String digest() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(4 * (3 + train.length + validation.length + test.length));
        buf.putInt(train.length).putInt(validation.length).putInt(test.length);
        for (int[] list : new int[][] {train, validation, test}) for (int v : list) buf.putInt(v);
        return HexFormat.of().formatHex(sha.digest(buf.array()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }

    @Override
    public String toString() {
      return "Split(train " + train.length + ", validation " + validation.length + ", test " + test.length
          + ", sha256 " + digest() + ")";
    }
  }

  /** The default 50,000 / 10,000 / 10,000 split of 70,000 rows. */
  public static Split fashionMnist(long seed) {
    return of(70_000, DEFAULT_TRAIN, DEFAULT_VALIDATION, DEFAULT_TEST, seed);
  }

  /**
   * @param n rows in the data set
   * @param train training set size, >= 1
   * @param validation validation set size, >= 1
   * @param test test set size, >= 0
   * @param seed master seed
   */
  public static Split of(int n, int train, int validation, int test, long seed) {
    if (train < 1 || validation < 1 || test < 0 || (long) train + validation + test > n) {
      throw new IllegalArgumentException("split sizes train = " + train + ", validation = " + validation
          + ", test = " + test + " need train >= 1, validation >= 1, test >= 0 and a sum <= " + n
          + " (the rows in the data set)");
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    SplittableRandom rng = RandomStreams.of(seed, RandomStreams.SHARED, PURPOSE);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] a = Arrays.copyOfRange(perm, 0, train);
    int[] b = Arrays.copyOfRange(perm, train, train + validation);
    int[] c = Arrays.copyOfRange(perm, train + validation, train + validation + test);
    Arrays.sort(a);
    Arrays.sort(b);
    Arrays.sort(c);
    return new Split(a, b, c);
  }
}
