package dbo.problem;

import dbo.random.RandomStreams;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Stochastic oracles (ALGORITHMS.md section 6, option {@code batch}): one draw of a mini-batch of
 * {@code batch} samples for f and, independently, {@code batch} samples for g, without replacement within
 * the draw, from the streams (seed, agent, BATCH_UPPER, step) and (seed, agent, BATCH_LOWER, step).
 * Callers give every oracle evaluation its own step, so draws are reproducible and independent across
 * iterations and inner steps. A job refuses a batch larger than its smallest shard (dbo.job.run.Experiment);
 * called with one anyway, a draw is clipped to the shard (that agent uses all its rows). batch = 0 means the
 * full shard, the deterministic default.
 */
public final class Minibatch {
  private Minibatch() {}

  /**
   * The oracles of draw {@code step} of agent {@code agent}: {@code shard} itself when batch is 0,
   * otherwise {@link LocalProblem#minibatch} of the drawn rows.
   *
   * @param batch samples per draw, >= 0 (0 = full shard)
   */
  public static LocalProblem draw(LocalProblem shard, long seed, int agent, long step, int batch) {
    if (batch < 0) throw new IllegalArgumentException("batch = " + batch + " is out of range; allowed: >= 0");
    if (batch == 0) return shard;
    int upperPopulation = shard.upperSamples();
    int[] upper = upperPopulation == 0 ? new int[0]
        : rows(RandomStreams.of(seed, agent, RandomStreams.BATCH_UPPER, step), upperPopulation, batch);
    int[] lower = rows(RandomStreams.of(seed, agent, RandomStreams.BATCH_LOWER, step), shard.shardSize(), batch);
    return shard.minibatch(upper, lower);
  }

  /** The rows of one draw: {@link RandomStreams#subset}, sorted so that the rows keep the shard's order. */
  static int[] rows(SplittableRandom rng, int population, int size) {
    return RandomStreams.subset(rng, population, size);
  }

  /** The given rows of a column-major (m x cols) matrix, as a new (rows.length x cols) matrix. */
  static double[] selectRows(double[] a, int m, int cols, int[] rows) {
    int b = rows.length;
    double[] out = new double[b * cols];
    for (int j = 0; j < cols; j++) {
      for (int k = 0; k < b; k++) out[k + j * b] = a[rows[k] + j * m];
    }
    return out;
  }
}
