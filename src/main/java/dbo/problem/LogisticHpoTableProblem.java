package dbo.problem;

import dbo.data.Dataset;
import dbo.data.PlacementRule;
import dbo.data.Splits;
import dbo.data.SyntheticClassification.Split;
import dbo.data.TableSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link LogisticHpoProblem}'s hyperparameter optimization on a real feature table
 * ({@code problem.logistic.data}): the same objectives and oracles ({@link LogisticHpoShard}), with a
 * trailing bias column of ones (d + 1 columns, the bias with its own lambda when lambda is per feature) and
 * a softmax over the table's K classes (a sigmoid when K = 2).
 *
 * <p>Data: the driver scans the table once for its labels ({@link TableSource#scanLabels}: line numbers and
 * labels only, never features); {@link Splits} draws the train / validation / test split of the rows from
 * the seed; training and validation rows are placed on agents by {@code placement}, test rows iid. The
 * in-process runner builds agent i's shard from the plain readers ({@link #build}); a distributed runner
 * reads the table where the shards live and builds each shard from its agent's rows
 * ({@link #tableShards()}, a {@link RemoteData.Table}): the same bits. The layout ({@link TableLayout}, a few
 * ints per row) is all that travels from the driver, and {@link #describeData()} gives the manifest the split
 * and per-agent class histograms from it.
 *
 * @param agents n >= 1
 * @param source the table
 * @param trainFraction share of the rows in the training split, in (0, 1]
 * @param validationFraction share in the validation split, in (0, 1]
 * @param testFraction share in the test split, in [0, 1); the three sum to at most 1
 * @param placement how training and validation rows are spread over agents
 * @param hyperparameters per-feature (d + 1 lambdas) or scalar
 * @param seed master seed
 * @param initialLambda every entry of the initial x, in [-12, 12]
 */
public final class LogisticHpoTableProblem implements RemoteData.Table {
  private static final long serialVersionUID = 1L;

  private final int agents;
  private final TableSource source;
  private final double trainFraction;
  private final double validationFraction;
  private final double testFraction;
  private final PlacementRule placement;
  private final HyperparameterShape hyperparameters;
  private final long seed;
  private final double initialLambda;
  private transient volatile TableLayout layout;
  private transient volatile Double smoothness;

  public LogisticHpoTableProblem(int agents, TableSource source, double trainFraction, double validationFraction,
                                 double testFraction, PlacementRule placement, HyperparameterShape hyperparameters,
                                 long seed, double initialLambda) {
    if (agents < 1) {
      throw new IllegalArgumentException("problem.agents = " + agents + " is out of range; allowed: an integer >= 1");
    }
    if (source == null) throw new IllegalArgumentException("problem.logistic.data is missing");
    if (!(trainFraction > 0 && validationFraction > 0 && testFraction >= 0
        && trainFraction + validationFraction + testFraction <= 1.0 + 1e-12)) {
      throw new IllegalArgumentException("problem.logistic.data train = " + trainFraction + ", validation = "
          + validationFraction + ", test = " + testFraction + " are out of range; allowed: train, validation in"
          + " (0, 1], test in [0, 1), sum at most 1");
    }
    if (placement == null || hyperparameters == null) {
      throw new IllegalArgumentException("problem.logistic.data.placement and problem.logistic.hyperparameters"
          + " are required");
    }
    if (!(initialLambda >= LogisticHpoProblem.LAMBDA_MIN && initialLambda <= LogisticHpoProblem.LAMBDA_MAX)) {
      throw new IllegalArgumentException("problem.logistic.initial-lambda = " + initialLambda
          + " is out of range; allowed: a number in [-12, 12]");
    }
    this.agents = agents;
    this.source = source;
    this.trainFraction = trainFraction;
    this.validationFraction = validationFraction;
    this.testFraction = testFraction;
    this.placement = placement;
    this.hyperparameters = hyperparameters;
    this.seed = seed;
    this.initialLambda = initialLambda;
  }

  /** The split and placement (reads only the labels; computed once per spec object). */
  public TableLayout layout() {
    TableLayout l = layout;
    if (l == null) {
      l = TableLayout.of(source.scanLabels(), source.path(), trainFraction, validationFraction, testFraction,
          placement, agents, seed);
      layout = l;
    }
    return l;
  }

  @Override
  public String name() {
    return "logistic-hpo";
  }

  @Override
  public int agents() {
    return agents;
  }

  /** Columns of the design matrix: d features plus the bias. */
  public int columns() {
    return layout().labels().features() + 1;
  }

  /** Weight columns c: 1 for binary (sigmoid), K for softmax. */
  public int weightColumns() {
    int k = layout().classes();
    return k == 2 ? 1 : k;
  }

  /** p = d + 1 per feature, 1 for a scalar. */
  @Override
  public int dimX() {
    return hyperparameters == HyperparameterShape.PER_FEATURE ? columns() : 1;
  }

  /** q = (d + 1) c. */
  @Override
  public int dimY() {
    return columns() * weightColumns();
  }

  /** Agent {@code agent}'s shard from the plain readers (the whole table is read once per JVM). */
  @Override
  public LocalProblem build(int agent) {
    if (agent < 0 || agent >= agents) throw new IndexOutOfBoundsException("agent " + agent + " not in [0, " + agents + ")");
    TableLayout l = layout();
    Dataset data = source.read();
    Dataset[] parts = new Dataset[3];
    for (int role = 0; role < 3; role++) parts[role] = TableSource.select(data, l.rows()[role][agent], l.labels());
    return shard(parts, l.classes(), hyperparameters);
  }

  /** The shard of one agent's train, validation and test rows (each in ascending row order). */
  static LogisticHpoShard shard(Dataset[] parts, int classes, HyperparameterShape shape) {
    Split[] splits = new Split[3];
    for (int role = 0; role < 3; role++) {
      Dataset d = parts[role];
      int[] all = new int[d.rows()];
      for (int s = 0; s < all.length; s++) all[s] = s;
      splits[role] = new Split(d.columnMajor(all, true), d.rows(), d.features() + 1, d.labels());
    }
    return new LogisticHpoShard(parts[0].features() + 1, classes, shape, splits[0], splits[1], splits[2]);
  }

  /** The table this problem reads. */
  @Override
  public TableSource table() {
    return source;
  }

  /** How an agent's rows of the table become its shard; carries the layout (labels and row owners only). */
  @Override
  public TableShards tableShards() {
    return new LogisticTableShards(source.path(), layout(), hyperparameters);
  }

  /**
   * L = max over agents of {@link LogisticHpoShard#curvatureBound()} plus exp(initial lambda), as for
   * synthetic data. Here every shard is built in this JVM (the in-process runner's shards); a distributed
   * runner computes the same number with {@link #smoothnessFrom} from the terms computed where the shards live.
   */
  @Override
  public double smoothness() {
    Double l = smoothness;
    if (l == null) {
      double max = 0.0;
      for (int i = 0; i < agents; i++) max = Math.max(max, ((LogisticHpoShard) build(i)).curvatureBound());
      l = max + Math.exp(initialLambda);
      smoothness = l;
    }
    return l;
  }

  /**
   * The maximum of the agents' {@link LogisticHpoShard#curvatureBound()}s plus exp(initial lambda) (max is
   * exact in any order, so this equals {@link #smoothness()}); remembered as this spec's {@link #smoothness()}.
   */
  @Override
  public double smoothnessFrom(double[] terms) {
    double max = 0.0;
    for (double b : terms) max = Math.max(max, b);
    double l = max + Math.exp(initialLambda);
    smoothness = l;
    return l;
  }

  /** Every entry equal to {@code initialLambda}. */
  @Override
  public double[] initialX() {
    double[] x = new double[dimX()];
    Arrays.fill(x, initialLambda);
    return x;
  }

  /** Training rows per agent. */
  @Override
  public int[] shardSizes() {
    return Arrays.stream(layout().rows()[0]).mapToInt(r -> r.length).toArray();
  }

  /**
   * The data facts the manifest records, as {@link HyperCleaningProblem#describeData()} does for images:
   * the source (format, path, d, K and the source label of each class), the rows, the split's sizes and
   * SHA-256 digest, the placement, and per agent its train / validation / test sizes and class histograms
   * (class index k counts rows whose label is {@code class_values[k]}). Reads only the labels (the layout
   * the job computes anyway); no features.
   */
  @Override
  public Map<String, Object> describeData() {
    TableLayout l = layout();
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, Object> src = new LinkedHashMap<>();
    src.put("format", source.format().name().toLowerCase(Locale.ROOT));
    src.put("path", source.path());
    if (source.format() == TableSource.Format.PARQUET) {
      src.put("label_column", source.labelColumn());
      src.put("feature_columns", source.featureColumns());
    }
    src.put("features", l.labels().features());
    src.put("class_values", l.labels().classValues().clone());
    d.put("source", src);
    d.put("rows", l.labels().rows());
    d.put("classes", l.classes());
    d.put("split", l.describeSplit());
    d.put("placement", placement.toString());
    d.put("test_placement", PlacementRule.iid().toString());
    d.put("agents", l.describeAgents());
    return d;
  }

  @Override
  public String toString() {
    return "LogisticHpoTableProblem(" + source + ", " + agents + " agents, " + placement + ")";
  }
}
