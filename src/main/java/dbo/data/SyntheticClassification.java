package dbo.data;

import dbo.linalg.Matrices;
import dbo.random.RandomStreams;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Synthetic multi-class data for decentralized hyperparameter optimization (ALGORITHMS.md section 8),
 * with train, validation and test splits per agent.
 *
 * <p>Model. A common teacher W0 (d x K) has i.i.d. N(0, {@link #SIGNAL}^2 / d) entries, so teacher logits
 * have standard deviation about {@link #SIGNAL} for unit-variance features. Agent i's features are
 * a = mu_i + N(0, I_d); its label is argmax_k (a'W0_k + beta_ik), and then, with probability
 * {@code labelNoise}, replaced by a class drawn uniformly at random, so that no split is linearly
 * separable.
 *
 * <p>Heterogeneity (two independent knobs, both 0 for i.i.d. agents):
 * <ul>
 *   <li>covariate shift: mu_i has i.i.d. N(0, shift^2) entries, moving agent i's feature distribution;</li>
 *   <li>label skew: beta_i has i.i.d. N(0, skew^2) entries, a per-agent bias on the teacher logits that
 *       changes the agent's class proportions (a larger skew means fewer classes dominate each agent).</li>
 * </ul>
 * An agent's three splits share its distribution; shard sizes follow {@link ShardSizes} with one factor
 * per agent. Streams: the teacher from (seed, SHARED, DATA), mu_i and beta_i from (seed, i, HETEROGENEITY),
 * split s (1 = train, 2 = validation, 3 = test) from (seed, i, DATA, s); agent i's data is a pure function
 * of (this generator, i).
 */
public final class SyntheticClassification implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Standard deviation of the teacher logits for unit-variance features. */
  public static final double SIGNAL = 3.0;
  /** Default probability that a label is replaced by a uniformly random class. */
  public static final double DEFAULT_LABEL_NOISE = 0.1;

  private final int features;
  private final int classes;
  private final int train;
  private final int validation;
  private final int test;
  private final double covariateShift;
  private final double labelSkew;
  private final double labelNoise;
  private final boolean unequal;
  private final long seed;

  /**
   * One split: a column-major (rows x columns) feature matrix and a label in [0, K) per row.
   */
  public record Split(double[] matrix, int rows, int columns, int[] labels) implements Serializable {}

  /** One agent's three splits. */
  public record AgentData(Split train, Split validation, Split test) implements Serializable {}

  /**
   * @param features d >= 1
   * @param classes K >= 2
   * @param train nominal training size per agent, >= 1
   * @param validation nominal validation size per agent, >= 1
   * @param test nominal test size per agent, >= 0
   * @param covariateShift standard deviation of the per-agent feature mean, >= 0
   * @param labelSkew standard deviation of the per-agent logit bias, >= 0
   * @param labelNoise probability of a uniformly random label, in [0, 1]
   * @param unequal whether shard sizes vary across agents
   * @param seed master seed
   */
  public SyntheticClassification(int features, int classes, int train, int validation, int test,
                                 double covariateShift, double labelSkew, double labelNoise,
                                 boolean unequal, long seed) {
    if (features < 1 || classes < 2 || train < 1 || validation < 1 || test < 0) {
      throw new IllegalArgumentException("need features >= 1, classes >= 2, train >= 1, validation >= 1,"
          + " test >= 0; got " + features + ", " + classes + ", " + train + ", " + validation + ", " + test);
    }
    if (!(covariateShift >= 0.0) || !(labelSkew >= 0.0) || !(labelNoise >= 0.0 && labelNoise <= 1.0)
        || Double.isInfinite(covariateShift) || Double.isInfinite(labelSkew)) {
      throw new IllegalArgumentException("need finite shift >= 0, skew >= 0 and noise in [0, 1]; got "
          + covariateShift + ", " + labelSkew + ", " + labelNoise);
    }
    this.features = features;
    this.classes = classes;
    this.train = train;
    this.validation = validation;
    this.test = test;
    this.covariateShift = covariateShift;
    this.labelSkew = labelSkew;
    this.labelNoise = labelNoise;
    this.unequal = unequal;
    this.seed = seed;
  }

  /** Training-set size of {@code agent}. */
  public int trainSize(int agent) {
    return ShardSizes.size(seed, agent, train, unequal);
  }

  /** The teacher W0, column-major (d x K). */
  public double[] teacher() {
    SplittableRandom rng = RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.DATA);
    double scale = SIGNAL / Math.sqrt(features);
    double[] w = new double[features * classes];
    for (int i = 0; i < w.length; i++) w[i] = scale * rng.nextGaussian();
    return w;
  }

  /** Builds agent {@code agent}'s train, validation and test splits. */
  public AgentData agent(int agent) {
    SplittableRandom het = RandomStreams.of(seed, agent, RandomStreams.HETEROGENEITY);
    double[] shift = new double[features];
    for (int j = 0; j < features; j++) shift[j] = covariateShift * het.nextGaussian();
    double[] bias = new double[classes];
    for (int k = 0; k < classes; k++) bias[k] = labelSkew * het.nextGaussian();

    double[] teacher = teacher();
    double factor = ShardSizes.factor(seed, agent, unequal);
    return new AgentData(
        split(agent, 1, ShardSizes.scale(train, factor), shift, bias, teacher),
        split(agent, 2, ShardSizes.scale(validation, factor), shift, bias, teacher),
        split(agent, 3, ShardSizes.scale(test, factor), shift, bias, teacher));
  }

  private Split split(int agent, int which, int rows, double[] shift, double[] bias, double[] teacher) {
    SplittableRandom rng = RandomStreams.of(seed, agent, RandomStreams.DATA, which);
    double[] a = new double[rows * features];
    for (int j = 0; j < features; j++) {
      for (int s = 0; s < rows; s++) a[s + j * rows] = shift[j] + rng.nextGaussian();
    }
    double[] logits = Matrices.multiply(a, rows, features, false, teacher, features, classes, false);
    int[] labels = new int[rows];
    for (int s = 0; s < rows; s++) {
      int best = 0;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        double v = logits[s + k * rows] + bias[k];
        if (v > bestValue) {
          bestValue = v;
          best = k;
        }
      }
      // Both draws happen for every row so the stream position does not depend on the noise level.
      boolean flip = rng.nextDouble() < labelNoise;
      int random = rng.nextInt(classes);
      labels[s] = flip ? random : best;
    }
    return new Split(a, rows, features, labels);
  }
}
