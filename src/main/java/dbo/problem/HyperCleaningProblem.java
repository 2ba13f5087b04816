package dbo.problem;

import dbo.data.Dataset;
import dbo.data.DatasetSource;
import dbo.data.FeatureBlock;
import dbo.data.PlacementRule;
import dbo.data.Splits;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data hyper-cleaning (ALGORITHMS.md section 8; Franceschi et al. 2017, as set up in SPARKLE's experiments):
 * a softmax classifier is trained on labels of which a fraction is corrupted, and one weight per training
 * sample is learned so that the classifier does well on clean validation data.
 *
 * <pre>
 *   g_i(x, Y) = (1/m_i) sum_{s in train_i} sigmoid(x_c(s)) CE(Y; a_s, observed label_s) + c ||Y||^2
 *   f_i(x, Y) = (1/v_i) sum_{s in validation_i} CE(Y; a_s, label_s)
 * </pre>
 * Y is a linear softmax classifier, (d + 1) x K with the bias as last row (q = 785 x 10 = 7,850 for 28 x 28
 * images); x has one logit per training sample (p = {@code train}, 50,000 by default). Each training label
 * is replaced by a uniformly random class with probability {@code corruption} ({@link HyperCleaningLayout});
 * the oracles are in {@link HyperCleaningShard}.
 *
 * <p><b>How per-sample weights fit a consensus x.</b> In this framework x is shared: every agent holds a
 * full-length copy x_i (all p entries) and the algorithms drive the copies to agreement. Agent i's f_i and
 * g_i depend only on its own block, the coordinates [offsets[i], offsets[i+1]) of its training samples
 * ({@link HyperCleaningLayout#offsets()}), so grad_x g_i and J_i z are zero off that block and grad_x f_i = 0.
 * The mean hypergradient (1/n) sum_i u_i therefore has, on agent i's block, only agent i's term, divided
 * by n: the consensus problem is the centralized one with the x-gradient scaled by 1/n, and the copies of
 * a block held by other agents learn it only through mixing. Messages carry all p entries.
 *
 * <p>Data: {@code source} is the whole image set (70,000 Fashion-MNIST images); {@link Splits} draws the
 * train / validation / test split from the seed, the training and validation splits are placed on agents
 * by {@code placement}, and the test split iid. Building agent i reads the data where the spec is used
 * (a directory source reads the files once per JVM) and keeps only agent i's rows, so a distributed runner
 * builds each shard where it lives and the driver reads only labels ({@link RemoteData.PerAgent}).
 *
 * @param agents n >= 1, at most the validation size
 * @param source the data set (a data directory or an in-memory data set)
 * @param train training samples, >= n (default {@value Splits#DEFAULT_TRAIN}); p = train
 * @param validation validation samples, >= n (default {@value Splits#DEFAULT_VALIDATION})
 * @param test test samples, 0 (no test accuracy) or >= n (default {@value Splits#DEFAULT_TEST});
 *     train + validation + test at most the rows of the data set
 * @param corruption probability p in [0, 1] that a training label is replaced (the paper's grid: 0.1, 0.2, 0.3)
 * @param placement how training and validation samples are spread over agents
 * @param seed master seed
 * @param regularization c > 0 (default {@value #DEFAULT_REGULARIZATION})
 * @param initialLogit every entry of the initial x (default {@value #DEFAULT_INITIAL_LOGIT}: weight 0.5)
 * @param centered subtract the per-pixel mean of the training split from every sample (training, validation
 *     and test alike; {@link #featureOffset()}). The mean direction dominates the curvature of raw pixels
 *     (on Fashion-MNIST it shrinks lambda_max(A'A)/m from about 111 to 20), so centering lets the lower level
 *     take steps several times larger. The bias column absorbs the shift, so the model class is the same.
 */
public record HyperCleaningProblem(int agents, DatasetSource source, int train, int validation, int test,
                                   double corruption, PlacementRule placement, long seed, double regularization,
                                   double initialLogit, boolean centered) implements RemoteData.PerAgent {
  public static final double DEFAULT_REGULARIZATION = 1e-3;
  public static final double DEFAULT_INITIAL_LOGIT = 0.0;
  public static final double DEFAULT_CORRUPTION = 0.2;
  /** A training sample is flagged as corrupted when its weight sigmoid(x_s) is below this (x_s &lt; 0). */
  public static final double FLAG_THRESHOLD = 0.5;

  public HyperCleaningProblem {
    if (agents < 1) {
      throw new IllegalArgumentException("problem.agents = " + agents + " is out of range; allowed: an integer >= 1");
    }
    if (source == null) throw new IllegalArgumentException("problem.hyper-cleaning.data is missing");
    if (train < agents || validation < agents || (test != 0 && test < agents)) {
      throw new IllegalArgumentException("problem.hyper-cleaning train = " + train + ", validation = " + validation
          + ", test = " + test + " are out of range; allowed: train and validation >= problem.agents (" + agents
          + "), test 0 or >= problem.agents");
    }
    if (!(corruption >= 0.0 && corruption <= 1.0)) {
      throw new IllegalArgumentException("problem.hyper-cleaning.corruption = " + corruption
          + " is out of range; allowed: a number in [0, 1]");
    }
    if (placement == null) throw new IllegalArgumentException("problem.hyper-cleaning.placement is missing");
    if (!(regularization > 0.0 && Double.isFinite(regularization))) {
      throw new IllegalArgumentException("problem.hyper-cleaning.regularization = " + regularization
          + " is out of range; allowed: a finite number > 0");
    }
    if (!Double.isFinite(initialLogit)) {
      throw new IllegalArgumentException("problem.hyper-cleaning.initial-logit = " + initialLogit + " must be finite");
    }
  }

  /** Raw (not centered) features. */
  public HyperCleaningProblem(int agents, DatasetSource source, int train, int validation, int test,
                              double corruption, PlacementRule placement, long seed, double regularization,
                              double initialLogit) {
    this(agents, source, train, validation, test, corruption, placement, seed, regularization, initialLogit, false);
  }

  /** The Fashion-MNIST defaults: 50,000 / 10,000 / 10,000, c = 1e-3, initial logit 0. */
  public static HyperCleaningProblem fashionMnist(int agents, String dataDirectory, double corruption,
                                                  PlacementRule placement, long seed) {
    return new HyperCleaningProblem(agents, DatasetSource.directory(dataDirectory), Splits.DEFAULT_TRAIN,
        Splits.DEFAULT_VALIDATION, Splits.DEFAULT_TEST, corruption, placement, seed, DEFAULT_REGULARIZATION,
        DEFAULT_INITIAL_LOGIT);
  }

  @Override
  public String name() {
    return "hyper-cleaning";
  }

  /** p = number of training samples. */
  @Override
  public int dimX() {
    return train;
  }

  /** q = (d + 1) K. */
  @Override
  public int dimY() {
    return (source.features() + 1) * source.classes();
  }

  /** The split, corruption and placement (a pure function of this spec; reads only the labels). */
  public HyperCleaningLayout layout() {
    return HyperCleaningLayout.of(source.labels(), source.classes(), agents, train, validation, test, corruption,
        placement, seed);
  }

  @Override
  public LocalProblem build(int agent) {
    if (agent < 0 || agent >= agents) throw new IndexOutOfBoundsException("agent " + agent + " not in [0, " + agents + ")");
    HyperCleaningLayout layout = layout();
    Dataset data = source.dataset();
    return build(agent, layout, data, offset(layout, data));
  }

  /**
   * What {@link #centered} subtracts from every sample: the per-feature mean over the training split (its
   * rows in split order, so the same bits in every JVM); null when the features are raw. Reads the features
   * where it is called (an executor on the Spark runner).
   */
  public double[] featureOffset() {
    return centered ? offset(layout(), source.dataset()) : null;
  }

  private double[] offset(HyperCleaningLayout layout, Dataset data) {
    if (!centered) return null;
    int[] rows = layout.split().train();
    double[] mean = new double[data.features()];
    for (int row : rows) {
      for (int j = 0; j < mean.length; j++) mean[j] += data.feature(row, j);
    }
    for (int j = 0; j < mean.length; j++) mean[j] /= rows.length;
    return mean;
  }

  private HyperCleaningShard build(int agent, HyperCleaningLayout layout, Dataset data, double[] offset) {
    int[] trainPositions = layout.train().indices()[agent];
    int[] coordinates = new int[trainPositions.length];
    for (int k = 0; k < coordinates.length; k++) coordinates[k] = layout.offsets()[agent] + k;
    int[] trainRows = HyperCleaningLayout.select(layout.split().train(), trainPositions);
    int[] validationRows = HyperCleaningLayout.select(layout.split().validation(), layout.validation().indices()[agent]);
    FeatureBlock testBlock = null;
    int[] testLabels = new int[0];
    if (layout.test() != null) {
      int[] testRows = HyperCleaningLayout.select(layout.split().test(), layout.test().indices()[agent]);
      testBlock = FeatureBlock.of(data, testRows, true, offset);
      testLabels = data.labels(testRows);
    }
    boolean[] corrupted = new boolean[trainPositions.length];
    for (int k = 0; k < corrupted.length; k++) corrupted[k] = layout.corrupted()[trainPositions[k]];
    return new HyperCleaningShard(data.classes(), regularization, train, FeatureBlock.of(data, trainRows, true, offset),
        HyperCleaningLayout.select(layout.observedLabels(), trainPositions), corrupted, coordinates,
        FeatureBlock.of(data, validationRows, true, offset), data.labels(validationRows), testBlock, testLabels);
  }

  /**
   * L = max over agents of 0.5 lambda_max(A_i'A_i) / m_i + 2c, with A_i the agent's training features plus
   * the bias column: 1/2 bounds the largest eigenvalue of the softmax curvature and the sample weights are at
   * most 1 ({@link HyperCleaningCurvature}). Curvature in x is not included. Reads the whole data set in the
   * calling JVM (the in-process runner's); a distributed runner computes the same number from
   * {@link #smoothnessTerm} on each agent's data where it lives and {@link #smoothnessFrom}.
   */
  @Override
  public double smoothness() {
    HyperCleaningLayout layout = layout();
    Dataset data = source.dataset();
    double[] offset = offset(layout, data);
    double l = 0.0;
    for (int i = 0; i < agents; i++) l = Math.max(l, HyperCleaningCurvature.of(i, layout, data, offset));
    return l + 2.0 * regularization;
  }

  /** Agent i's 0.5 lambda_max(A_i'A_i) / m_i; reads the data set where it runs. */
  @Override
  public double smoothnessTerm(int agent) {
    HyperCleaningLayout layout = layout();
    Dataset data = source.dataset();
    return HyperCleaningCurvature.of(agent, layout, data, offset(layout, data));
  }

  /** The maximum of the terms plus 2c: {@link #smoothness()}, the same bits (max is exact in any order). */
  @Override
  public double smoothnessFrom(double[] terms) {
    double l = 0.0;
    for (double t : terms) l = Math.max(l, t);
    return l + 2.0 * regularization;
  }

  /** Every entry equal to {@code initialLogit}. */
  @Override
  public double[] initialX() {
    double[] x = new double[dimX()];
    Arrays.fill(x, initialLogit);
    return x;
  }

  /** Training samples per agent. */
  @Override
  public int[] shardSizes() {
    return layout().train().sizes();
  }

  /**
   * Agent i's samples as data-set row ids, for consumers outside the bilevel problem (the MLlib baselines):
   * its training rows with their observed labels and corrupted flags, and its part of the test split.
   * Recomputes the layout (labels only); the caller reads the features from {@link #source()} where it runs.
   *
   * @param trainRows data-set rows of the agent's training samples, in the order of its block of x
   * @param observedLabels the (possibly corrupted) training labels the problem trains on
   * @param corrupted whether each observed label differs from the true one
   * @param testRows data-set rows of the agent's test samples (empty when test = 0)
   */
  public record AgentRows(int[] trainRows, int[] observedLabels, boolean[] corrupted, int[] testRows)
      implements java.io.Serializable {}

  /** See {@link AgentRows}. */
  public AgentRows rows(int agent) {
    if (agent < 0 || agent >= agents) throw new IndexOutOfBoundsException("agent " + agent + " not in [0, " + agents + ")");
    HyperCleaningLayout layout = layout();
    int[] positions = layout.train().indices()[agent];
    boolean[] wrong = new boolean[positions.length];
    for (int k = 0; k < positions.length; k++) wrong[k] = layout.corrupted()[positions[k]];
    int[] testRows = layout.test() == null ? new int[0]
        : HyperCleaningLayout.select(layout.split().test(), layout.test().indices()[agent]);
    return new AgentRows(HyperCleaningLayout.select(layout.split().train(), positions),
        HyperCleaningLayout.select(layout.observedLabels(), positions), wrong, testRows);
  }

  /**
   * The data facts a manifest records (JSON-ready maps and lists, in a fixed key order): the source, the
   * split's sizes and SHA-256 digest, the placement and corruption, the number of corrupted training labels,
   * and per agent its shard sizes, the true-label class histograms of its training, validation and test
   * shards, the histogram of its observed (possibly corrupted) training labels and its corrupted count.
   * Reads only the labels (driver side; no features).
   */
  @Override
  public Map<String, Object> describeData() {
    HyperCleaningLayout layout = layout();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("source", source.describe());
    d.put("classes", source.classes());
    d.put("split", layout.describeSplit());
    d.put("placement", placement.toString());
    d.put("corruption", corruption);
    d.put("corrupted", layout.corruptedCount());
    d.put("regularization", regularization);
    d.put("features", centered ? "centered" : "raw");
    d.put("agents", layout.describeAgents(source.classes()));
    return d;
  }

  /**
   * How well weights x (e.g. the agents' average) single out the corrupted samples: a sample is flagged when
   * sigmoid(x_j) &lt; {@code threshold} (0.5, i.e. x_j &lt; 0, is the natural choice), compared with the
   * samples whose observed label is wrong.
   */
  public CleaningScore score(double[] x, double threshold) {
    if (x.length != dimX()) throw new IllegalArgumentException("x has length " + x.length + ", expected " + dimX());
    return CleaningScore.of(x, layout().corruptedByCoordinate(), threshold);
  }

  /**
   * Precision and recall of flagging.
   *
   * @param flagged samples with sigmoid(x_j) &lt; threshold
   * @param corrupted samples whose observed label is wrong
   * @param truePositives flagged and corrupted
   * @param precision truePositives / flagged, NaN when nothing is flagged (e.g. at the initial x = 0)
   * @param recall truePositives / corrupted, NaN when nothing is corrupted
   */
  public record CleaningScore(int flagged, int corrupted, int truePositives, double precision, double recall) {
    static CleaningScore of(double[] x, boolean[] corruptedFlags, double threshold) {
      int flagged = 0;
      int corrupted = 0;
      int both = 0;
      for (int j = 0; j < x.length; j++) {
        boolean f = dbo.linalg.Activations.sigmoid(x[j]) < threshold;
        if (f) flagged++;
        if (corruptedFlags[j]) corrupted++;
        if (f && corruptedFlags[j]) both++;
      }
      return new CleaningScore(flagged, corrupted, both, flagged == 0 ? Double.NaN : both / (double) flagged,
          corrupted == 0 ? Double.NaN : both / (double) corrupted);
    }
  }
}
