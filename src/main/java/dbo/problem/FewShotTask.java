package dbo.problem;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * One N-way K-shot episode: N classes drawn from a pool, K support and Q query rows drawn from each class
 * without replacement. Rows are pooled row numbers ({@link dbo.data.ClassTables}), class-major: the support
 * rows of the task's class j are at [jK, (j + 1)K) and carry label j, the query rows of class j at
 * [jQ, (j + 1)Q). Labels are the position of the class in the task, so a head is an N-way classifier.
 *
 * @param classes the pooled classes of the task, in label order
 * @param support N K rows
 * @param query N Q rows
 */
public record FewShotTask(int[] classes, int[] support, int[] query) implements Serializable {

  /**
   * Draws one task: N distinct classes of {@code pool}, then K + Q distinct rows of each (a partial
   * Fisher-Yates shuffle of the class's rows, the first K to the support set).
   *
   * @param rowsByClass rows of every pooled class
   */
  public static FewShotTask draw(int[][] rowsByClass, int[] pool, int ways, int shots, int queries,
      SplittableRandom random) {
    int[] chosen = partialShuffle(pool, ways, random);
    int[] support = new int[ways * shots];
    int[] query = new int[ways * queries];
    for (int j = 0; j < ways; j++) {
      int[] rows = partialShuffle(rowsByClass[chosen[j]], shots + queries, random);
      System.arraycopy(rows, 0, support, j * shots, shots);
      System.arraycopy(rows, shots, query, j * queries, queries);
    }
    return new FewShotTask(chosen, support, query);
  }

  /** The first k entries of a seeded shuffle of {@code from} (not modified); k <= from.length. */
  private static int[] partialShuffle(int[] from, int k, SplittableRandom random) {
    if (k > from.length) throw new IllegalArgumentException("cannot draw " + k + " of " + from.length);
    int[] a = from.clone();
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return java.util.Arrays.copyOf(a, k);
  }
}
