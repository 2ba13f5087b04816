package dbo.problem;

import dbo.data.ShardSizes;
import dbo.data.SyntheticClassification;
import dbo.linalg.Matrices;
import java.util.Arrays;

/**
 * Hyperparameter optimization of l2-regularized logistic (K = 2) or softmax (K > 2) regression on
 * synthetic data (ALGORITHMS.md section 8):
 *
 * <pre>
 *   g_i(lambda, W) = (1/m_i) sum_s CE(a_s, t_s; W) + 0.5 sum_j exp(lambda_j) ||w_j||^2   (training split)
 *   f_i(lambda, W) = (1/v_i) sum_s CE(a_s, t_s; W)                                       (validation split)
 * </pre>
 * y = W is the d x c weight matrix, column-major (c = 1 with a sigmoid for K = 2, c = K with a softmax
 * otherwise), w_j its row j (feature j across classes); x = lambda has one entry per feature or a single
 * shared entry ({@link HyperparameterShape}). lambda is clipped to [{@value #LAMBDA_MIN},
 * {@value #LAMBDA_MAX}] inside exp, and the derivatives in lambda ignore the clip: they are exact only
 * inside the box.
 *
 * <p>Agent i's rows are generated from (seed, i) where its shard is built ({@link RemoteData.PerAgent}): on
 * Spark, on the executor that keeps the shard, so the driver never holds features.
 *
 * <p>Data come from {@link SyntheticClassification} with label noise
 * {@value SyntheticClassification#DEFAULT_LABEL_NOISE}. Heterogeneity presets act on both covariate shift
 * (std of each agent's feature mean) and label skew (std of each agent's per-class logit bias): iid 0 / 0,
 * mild {@value #MILD_SHIFT} / {@value #MILD_SKEW}, severe {@value #SEVERE_SHIFT} / {@value #SEVERE_SKEW}.
 *
 * @param agents n >= 1 ({@code problem.agents})
 * @param features d >= 1 ({@code problem.logistic.features}, suggested default {@value #DEFAULT_FEATURES})
 * @param classes K >= 2 ({@code problem.logistic.classes}, suggested default {@value #DEFAULT_CLASSES})
 * @param hyperparameters per-feature or scalar lambda ({@code problem.logistic.hyperparameters}, suggested
 *     default per-feature)
 * @param train nominal training size per agent, >= 1 ({@code problem.logistic.train}, suggested default
 *     {@value #DEFAULT_TRAIN})
 * @param validation nominal validation size per agent, >= 1 ({@code problem.logistic.validation},
 *     suggested default {@value #DEFAULT_VALIDATION})
 * @param test nominal test size per agent, >= 0 ({@code problem.logistic.test}, suggested default
 *     {@value #DEFAULT_TEST}); 0 disables test accuracy
 * @param heterogeneity preset of covariate shift and label skew
 * @param unequalShards whether shard sizes vary across agents (one log-uniform factor in [0.25, 2] per
 *     agent, applied to all three splits)
 * @param seed master seed
 * @param initialLambda the value of every entry of the initial x, in [-12, 12]
 *     ({@code problem.logistic.initial-lambda}, suggested default {@value #DEFAULT_INITIAL_LAMBDA})
 */
public record LogisticHpoProblem(int agents, int features, int classes, HyperparameterShape hyperparameters,
                                 int train, int validation, int test, Heterogeneity heterogeneity,
                                 boolean unequalShards, long seed, double initialLambda)
    implements RemoteData.PerAgent {
  public static final double LAMBDA_MIN = -12.0;
  public static final double LAMBDA_MAX = 12.0;
  public static final int DEFAULT_FEATURES = 20;
  public static final int DEFAULT_CLASSES = 2;
  public static final int DEFAULT_TRAIN = 200;
  public static final int DEFAULT_VALIDATION = 100;
  public static final int DEFAULT_TEST = 100;
  public static final double DEFAULT_INITIAL_LAMBDA = -2.0;
  public static final double MILD_SHIFT = 0.5;
  public static final double MILD_SKEW = 0.5;
  public static final double SEVERE_SHIFT = 2.0;
  public static final double SEVERE_SKEW = 3.0;

  public LogisticHpoProblem {
    if (agents < 1) {
      throw new IllegalArgumentException("problem.agents = " + agents + " is out of range; allowed: an integer >= 1");
    }
    if (features < 1) {
      throw new IllegalArgumentException("problem.logistic.features = " + features
          + " is out of range; allowed: an integer >= 1");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("problem.logistic.classes = " + classes
          + " is out of range; allowed: an integer >= 2 (2 = binary with a sigmoid)");
    }
    if (hyperparameters == null) {
      throw new IllegalArgumentException("problem.logistic.hyperparameters is missing; allowed: per-feature, scalar");
    }
    checkSplit("problem.logistic.train", train, 1, features, classes);
    checkSplit("problem.logistic.validation", validation, 1, features, classes);
    checkSplit("problem.logistic.test", test, 0, features, classes);
    if (!(initialLambda >= LAMBDA_MIN && initialLambda <= LAMBDA_MAX)) {
      throw new IllegalArgumentException("problem.logistic.initial-lambda = " + initialLambda
          + " is out of range; allowed: a number in [" + LAMBDA_MIN + ", " + LAMBDA_MAX + "]");
    }
    if (heterogeneity == null) {
      throw new IllegalArgumentException("problem.heterogeneity is missing; allowed: iid, mild, severe");
    }
  }

  private static void checkSplit(String key, int size, int min, int features, int classes) {
    // The largest shard (2x nominal) holds its features and its logits in single arrays.
    long cells = 2L * size * Math.max(features, classes);
    if (size < min || cells >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " = " + size + " is out of range; allowed: an integer >= " + min
          + " with 2 * size * max(features, classes) < 2^31");
    }
  }

  /** Covariate-shift standard deviation of a preset. */
  public static double covariateShift(Heterogeneity h) {
    return switch (h) {
      case IID -> 0.0;
      case MILD -> MILD_SHIFT;
      case SEVERE -> SEVERE_SHIFT;
    };
  }

  /** Label-skew standard deviation of a preset. */
  public static double labelSkew(Heterogeneity h) {
    return switch (h) {
      case IID -> 0.0;
      case MILD -> MILD_SKEW;
      case SEVERE -> SEVERE_SKEW;
    };
  }

  @Override
  public String name() {
    return "logistic-hpo";
  }

  /** p = d for per-feature hyperparameters, 1 for a scalar. */
  @Override
  public int dimX() {
    return hyperparameters == HyperparameterShape.PER_FEATURE ? features : 1;
  }

  /** q = d * c with c = 1 for K = 2 and c = K otherwise. */
  @Override
  public int dimY() {
    return features * weightColumns();
  }

  /** Number of weight columns c: 1 for binary (sigmoid), K for softmax. */
  public int weightColumns() {
    return classes == 2 ? 1 : classes;
  }

  /** The generator of every agent's splits. */
  public SyntheticClassification generator() {
    return new SyntheticClassification(features, classes, train, validation, test,
        covariateShift(heterogeneity), labelSkew(heterogeneity), SyntheticClassification.DEFAULT_LABEL_NOISE,
        unequalShards, seed);
  }

  @Override
  public LocalProblem build(int agent) {
    if (agent < 0 || agent >= agents) {
      throw new IndexOutOfBoundsException("agent " + agent + " not in [0, " + agents + ")");
    }
    SyntheticClassification.AgentData data = generator().agent(agent);
    return new LogisticHpoShard(features, classes, hyperparameters, data.train(), data.validation(), data.test());
  }

  /**
   * L = max over agents and over the training and validation splits of kappa lambda_max(A'A) / m, plus
   * exp(initial lambda), where kappa = 1/4 bounds the sigmoid's curvature p(1 - p) and kappa = 1/2 bounds
   * the largest eigenvalue of the softmax curvature diag(p) - pp'. This bounds the curvature in W; the
   * curvature in lambda, 0.5 exp(lambda_j) ||w_j||^2, depends on W and is not included. Generates every
   * agent's data in turn, one agent at a time ({@link #smoothnessTerm}).
   */
  @Override
  public double smoothness() {
    double[] terms = new double[agents];
    for (int i = 0; i < agents; i++) terms[i] = smoothnessTerm(i);
    return smoothnessFrom(terms);
  }

  /**
   * Agent i's term of {@link #smoothness()}: kappa max(lambda_max(A'A) / m) over its training and
   * validation splits, generated from (seed, agent) where this runs (on Spark: on the executor).
   */
  @Override
  public double smoothnessTerm(int agent) {
    if (agent < 0 || agent >= agents) {
      throw new IndexOutOfBoundsException("agent " + agent + " not in [0, " + agents + ")");
    }
    double kappa = classes == 2 ? 0.25 : 0.5;
    SyntheticClassification.AgentData data = generator().agent(agent);
    double l = 0.0;
    for (SyntheticClassification.Split s : new SyntheticClassification.Split[] {data.train(), data.validation()}) {
      double[] gram = Matrices.multiply(s.matrix(), s.rows(), features, true, s.matrix(), s.rows(), features, false);
      l = Math.max(l, kappa * DenseSymmetric.largestEigenvalue(gram, features) / s.rows());
    }
    return l;
  }

  /** The maximum of the terms plus exp(initial lambda): {@link #smoothness()}, the same bits in any order. */
  @Override
  public double smoothnessFrom(double[] terms) {
    double l = 0.0;
    for (double t : terms) l = Math.max(l, t);
    return l + Math.exp(initialLambda);
  }

  /** Every entry equal to {@code initialLambda}. */
  @Override
  public double[] initialX() {
    double[] x = new double[dimX()];
    Arrays.fill(x, initialLambda);
    return x;
  }

  /** Training-set sizes. */
  @Override
  public int[] shardSizes() {
    return ShardSizes.sizes(seed, agents, train, unequalShards);
  }
}
