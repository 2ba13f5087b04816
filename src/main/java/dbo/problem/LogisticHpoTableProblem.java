package dbo.problem;

import dbo.data.Dataset;
import dbo.data.Placement;
import dbo.data.PlacementRule;
import dbo.data.Splits;
import dbo.data.SyntheticClassification.Split;
import dbo.data.TableSource;
import dbo.runtime.AgentPartitioner;
import dbo.runtime.SparkShardSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@link LogisticHpoProblem}'s hyperparameter optimization on a real feature table
 * ({@code problem.logistic.data}): the same objectives and oracles ({@link LogisticHpoShard}), with a
 * trailing bias column of ones (d + 1 columns, the bias with its own lambda when lambda is per feature) and
 * a softmax over the table's K classes (a sigmoid when K = 2).
 *
 * <p>Data: the driver scans the table once for its labels ({@link TableSource#scanLabels}: line numbers and
 * labels only, never features); {@link Splits} draws the train / validation / test split of the rows from
 * the seed; training and validation rows are placed on agents by {@code placement}, test rows iid. The
 * in-process runner builds agent i's shard from the plain readers ({@link #build}); the Spark runner
 * ({@link #shards}) reads the table on the executors, keys the rows by agent, partitions them with the
 * {@link AgentPartitioner} and builds each shard in its partition from its rows in ascending row order:
 * the same bits. The driver's layout (a few ints per row) travels to the executors as a broadcast, and
 * {@link #describeData()} gives the manifest the split and per-agent class histograms from it.
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
public final class LogisticHpoTableProblem implements ProblemSpec, SparkShardSource {
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
  private transient volatile Layout layout;
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

  /**
   * Where every row goes, a pure function of (labels, fractions, placement, n, seed).
   *
   * @param labels the driver's scan of the table
   * @param rows per role (0 train, 1 validation, 2 test) and agent, the table rows, ascending
   * @param agentOfRow per table row, the agent holding it or -1 (unused rows)
   * @param splitSizes the seeded split's train, validation and test sizes (before placement)
   * @param splitDigest {@link Splits.Split#digest()} of that split
   */
  public record Layout(TableSource.Labels labels, int[][][] rows, int[] agentOfRow, int[] splitSizes,
                       String splitDigest)
      implements java.io.Serializable {
    /** Number of classes K. */
    public int classes() {
      return labels.classValues().length;
    }
  }

  /** The split and placement (reads only the labels; computed once per spec object). */
  public Layout layout() {
    Layout l = layout;
    if (l == null) {
      l = computeLayout(source.scanLabels());
      layout = l;
    }
    return l;
  }

  private Layout computeLayout(TableSource.Labels labels) {
    int n = labels.rows();
    int train = (int) Math.floor(trainFraction * n);
    int validation = (int) Math.floor(validationFraction * n);
    int test = (int) Math.floor(testFraction * n);
    if (labels.classValues().length < 2) {
      throw new IllegalArgumentException(source.path() + ": every row has the same label; logistic regression"
          + " needs at least 2 classes");
    }
    if (train < agents || validation < agents || (test > 0 && test < agents)) {
      throw new IllegalArgumentException(source.path() + ": " + n + " rows give train = " + train + ", validation = "
          + validation + ", test = " + test + " for " + agents + " agents, which would leave an agent without"
          + " samples; lower problem.agents or raise problem.logistic.data.train / validation / test");
    }
    Splits.Split split = Splits.of(n, train, validation, test, seed);
    int[][][] rows = new int[3][][];
    int[] agentOf = new int[n];
    Arrays.fill(agentOf, -1);
    int[][] sets = {split.train(), split.validation(), split.test()};
    for (int role = 0; role < 3; role++) {
      if (sets[role].length == 0) {
        rows[role] = new int[agents][0];
        continue;
      }
      int[] setLabels = new int[sets[role].length];
      for (int k = 0; k < setLabels.length; k++) setLabels[k] = labels.labels()[sets[role][k]];
      PlacementRule rule = role == 2 ? PlacementRule.iid() : placement;
      Placement p = Placement.of(setLabels, labels.classValues().length, agents, rule, seed);
      rows[role] = new int[agents][];
      for (int i = 0; i < agents; i++) {
        int[] at = p.indices()[i];
        int[] r = new int[at.length];
        for (int k = 0; k < at.length; k++) {
          r[k] = sets[role][at[k]];
          agentOf[r[k]] = i;
        }
        rows[role][i] = r;
      }
    }
    return new Layout(labels, rows, agentOf,
        new int[] {split.train().length, split.validation().length, split.test().length}, split.digest());
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
    Layout l = layout();
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

  /** Reads the table on the executors; only the layout (labels, row owners) leaves the driver. */
  @Override
  public JavaRDD<LocalProblem> shards(JavaSparkContext jsc, AgentPartitioner partitioner) {
    Layout l = layout();
    Broadcast<Layout> shared = jsc.broadcast(l);
    HyperparameterShape shape = hyperparameters;
    String name = source.path();
    return source.rowsByAgent(jsc, l.labels(), l.agentOfRow(), partitioner).values()
        .mapPartitionsWithIndex((agent, it) -> {
          List<TableSource.Row> rows = new ArrayList<>();
          it.forEachRemaining(rows::add);
          Layout layout = shared.value();
          Dataset[] parts = new Dataset[3];
          for (int role = 0; role < 3; role++) {
            parts[role] = TableSource.assemble(name, rows, layout.rows()[role][agent], layout.labels());
          }
          List<LocalProblem> out = new ArrayList<>(1);
          out.add(shard(parts, layout.classes(), shape));
          return out.iterator();
        }, true);
  }

  /**
   * L = max over agents of {@link LogisticHpoShard#curvatureBound()} plus exp(initial lambda), as for
   * synthetic data. Here every shard is built in this JVM (the in-process runner's shards); the Spark
   * runner uses {@link #smoothness(JavaSparkContext)}, the same number computed where the shards live.
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

  /** Each executor computes its agents' curvature bounds; only n doubles reach the driver (max is exact). */
  @Override
  public double smoothness(JavaSparkContext jsc) {
    Double l = smoothness;
    if (l == null) {
      JavaRDD<LocalProblem> built = shards(jsc, new AgentPartitioner(agents));
      List<Double> bounds = built.map(s -> ((LogisticHpoShard) s).curvatureBound()).collect();
      double max = 0.0;
      for (double b : bounds) max = Math.max(max, b);
      l = max + Math.exp(initialLambda);
      smoothness = l;
    }
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

  /** The names of the three roles in {@link Layout#rows()}, as the manifest spells them. */
  private static final String[] ROLES = {"train", "validation", "test"};

  /**
   * The data facts the manifest records, as {@link HyperCleaningProblem#describeData()} does for images:
   * the source (format, path, d, K and the source label of each class), the rows, the split's sizes and
   * SHA-256 digest, the placement, and per agent its train / validation / test sizes and class histograms
   * (class index k counts rows whose label is {@code class_values[k]}). Reads only the labels (the layout
   * the job computes anyway); no features.
   */
  @Override
  public java.util.Map<String, Object> describeData() {
    Layout l = layout();
    int k = l.classes();
    java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
    java.util.Map<String, Object> src = new java.util.LinkedHashMap<>();
    src.put("format", source.format().name().toLowerCase(java.util.Locale.ROOT));
    src.put("path", source.path());
    if (source.format() == TableSource.Format.PARQUET) {
      src.put("label_column", source.labelColumn());
      src.put("feature_columns", source.featureColumns());
    }
    src.put("features", l.labels().features());
    src.put("class_values", l.labels().classValues().clone());
    d.put("source", src);
    d.put("rows", l.labels().rows());
    d.put("classes", k);
    java.util.Map<String, Object> split = new java.util.LinkedHashMap<>();
    for (int role = 0; role < 3; role++) split.put(ROLES[role], l.splitSizes()[role]);
    split.put("sha256", l.splitDigest());
    d.put("split", split);
    d.put("placement", placement.toString());
    d.put("test_placement", PlacementRule.iid().toString());
    List<java.util.Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      java.util.Map<String, Object> a = new java.util.LinkedHashMap<>();
      a.put("agent", i);
      for (int role = 0; role < 3; role++) a.put(ROLES[role], l.rows()[role][i].length);
      for (int role = 0; role < 3; role++) {
        int[] histogram = new int[k];
        for (int row : l.rows()[role][i]) histogram[l.labels().labels()[row]]++;
        a.put(ROLES[role] + "_classes", histogram);
      }
      out.add(a);
    }
    d.put("agents", out);
    return d;
  }

  @Override
  public String toString() {
    return "LogisticHpoTableProblem(" + source + ", " + agents + " agents, " + placement + ")";
  }
}
