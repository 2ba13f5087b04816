package dbo.data;

import dbo.linalg.Matrices;
import dbo.random.RandomStreams;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Generator of the synthetic quadratic bilevel instance (ALGORITHMS.md section 8): for agent i,
 * H_i = mu I + A_i'A_i / m_i (q x q, SPD) with A_i an (m_i x q) matrix of standard Gaussian samples, and
 * B_i = B0 + s E_i, c_i = c0 + s e_i, d_i = d0 + s e'_i around a common part shared by all agents.
 *
 * <p>The common part has i.i.d. entries N(0, 1) for c0 and d0 and N(0, 1/p) for B0, so that an entry of
 * B0 x has standard deviation ||x|| / sqrt(p), O(1) for x with O(1) entries whatever p; the agent
 * deviations have the same distributions
 * scaled by the spread s. s = 0 makes c, d and B identical across agents (H_i still differs through the
 * samples). Streams: the common part from (seed, SHARED, DATA), deviations from (seed, i, HETEROGENEITY),
 * samples from (seed, i, DATA), shard size from {@link ShardSizes}; agent i's parameters are a pure
 * function of (this generator, i).
 */
public final class SyntheticQuadratic implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dimX;
  private final int dimY;
  private final double mu;
  private final int samples;
  private final double spread;
  private final boolean unequal;
  private final long seed;

  /**
   * One agent's parameters; matrices column-major. {@code a} is the (samples x q) sample matrix A_i behind
   * H_i, kept so that mini-batch oracles can rebuild H from a subset of its rows.
   */
  public record Agent(double[] h, double[] b, double[] c, double[] d, int samples, double[] a)
      implements Serializable {}

  /**
   * @param dimX p >= 1
   * @param dimY q >= 1
   * @param mu ridge added to the sample covariance, > 0 (strong convexity of g_i is at least mu)
   * @param samples nominal shard size m >= 1
   * @param spread heterogeneity spread s >= 0 of B, c, d around the common part
   * @param unequal whether shard sizes vary across agents ({@link ShardSizes})
   * @param seed master seed
   */
  public SyntheticQuadratic(int dimX, int dimY, double mu, int samples, double spread, boolean unequal,
                            long seed) {
    if (dimX < 1 || dimY < 1 || samples < 1) {
      throw new IllegalArgumentException("dimensions and samples must be >= 1, got p = " + dimX + ", q = "
          + dimY + ", m = " + samples);
    }
    if (!(mu > 0.0) || !(spread >= 0.0) || Double.isInfinite(mu) || Double.isInfinite(spread)) {
      throw new IllegalArgumentException("mu must be > 0 and spread >= 0, both finite; got mu = " + mu
          + ", spread = " + spread);
    }
    this.dimX = dimX;
    this.dimY = dimY;
    this.mu = mu;
    this.samples = samples;
    this.spread = spread;
    this.unequal = unequal;
    this.seed = seed;
  }

  /** Shard size of {@code agent}. */
  public int shardSize(int agent) {
    return ShardSizes.size(seed, agent, samples, unequal);
  }

  /** Builds agent {@code agent}'s H, B, c, d. */
  public Agent agent(int agent) {
    int p = dimX;
    int q = dimY;
    SplittableRandom common = RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.DATA);
    double bScale = 1.0 / Math.sqrt(p);
    double[] b = gaussian(common, q * p, bScale);
    double[] c = gaussian(common, q, 1.0);
    double[] d = gaussian(common, q, 1.0);

    SplittableRandom own = RandomStreams.of(seed, agent, RandomStreams.HETEROGENEITY);
    addGaussian(own, b, spread * bScale);
    addGaussian(own, c, spread);
    addGaussian(own, d, spread);

    int m = shardSize(agent);
    double[] a = gaussian(RandomStreams.of(seed, agent, RandomStreams.DATA), m * q, 1.0);
    double[] h = covariance(a, m, q, mu);
    return new Agent(h, b, c, d, m, a);
  }

  /**
   * mu I + A'A / m for an (m x q) column-major sample matrix A, exactly symmetric. Mini-batch oracles call
   * this on the selected rows, so a batch of every row in order reproduces H_i bit for bit.
   */
  public static double[] covariance(double[] a, int m, int q, double mu) {
    double[] h = Matrices.multiply(a, m, q, true, a, m, q, false);
    for (int j = 0; j < q; j++) {
      for (int i = 0; i < j; i++) {
        // A blocked BLAS may sum (i, j) and (j, i) in different orders; exact symmetry keeps the HVP
        // the gradient of a quadratic form and the eigen solvers honest.
        double s = 0.5 * (h[i + j * q] + h[j + i * q]) / m;
        h[i + j * q] = s;
        h[j + i * q] = s;
      }
      h[j + j * q] = h[j + j * q] / m + mu;
    }
    return h;
  }

  private static double[] gaussian(SplittableRandom rng, int len, double scale) {
    double[] out = new double[len];
    addGaussian(rng, out, scale);
    return out;
  }

  private static void addGaussian(SplittableRandom rng, double[] target, double scale) {
    // Draw even when scale is 0 so that the stream positions do not depend on the preset.
    for (int i = 0; i < target.length; i++) target[i] += scale * rng.nextGaussian();
  }
}
