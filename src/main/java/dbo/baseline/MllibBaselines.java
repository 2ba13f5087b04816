package dbo.baseline;

import dbo.data.Dataset;
import dbo.problem.HyperCleaningProblem;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The two reference classifiers of data hyper-cleaning (ALGORITHMS.md section 8), trained with Spark MLlib's
 * multinomial {@link LogisticRegression} on exactly the problem's split, corruption and placement:
 *
 * <ul>
 *   <li>{@link #CORRUPTED}: every training sample with its observed, possibly corrupted label: what one gets
 *       without cleaning; hyper-cleaning should beat it.</li>
 *   <li>{@link #CLEAN_ONLY}: only the training samples whose label was not corrupted (an oracle that knows
 *       the corruption): the best a perfect cleaner could hope for.</li>
 * </ul>
 *
 * <p>Regularization matches the lower level g = mean CE + c ||Y||^2 with unit weights: MLlib minimizes
 * mean CE + regParam/2 ||W||^2 (elastic net 0), so regParam = 2c, with {@code standardization = false} so that
 * the penalty is on the raw-pixel coefficients as in the problem. Differences that remain: MLlib does not
 * penalize the intercept (the problem penalizes the bias row) and stops at {@code maxIterations} L-BFGS
 * iterations or tolerance 1e-6, whichever comes first; {@link Result#converged()} says which.
 *
 * <p>The data never passes through the driver: one task per agent builds that agent's rows (features from
 * the problem's data source, read where the task runs, as the shards are), MLlib's optimizer aggregates
 * gradients on the executors, and the test accuracy is computed by an evaluator that returns one number.
 */
public final class MllibBaselines {
  public static final String CORRUPTED = "mllib-corrupted-labels";
  public static final String CLEAN_ONLY = "mllib-clean-only";
  /** Column names of {@code baselines.csv}, in the order of {@link Result#values()}. */
  public static final List<String> COLUMNS = List.of("baseline", "train_samples", "test_samples", "reg_param",
      "max_iterations", "iterations", "converged", "test_accuracy", "wall_s");

  private static final StructType TRAIN_SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
      DataTypes.createStructField("label", DataTypes.DoubleType, false),
      DataTypes.createStructField("corrupted", DataTypes.BooleanType, false)));
  private static final StructType TEST_SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
      DataTypes.createStructField("label", DataTypes.DoubleType, false)));

  private MllibBaselines() {}

  /**
   * One trained baseline.
   *
   * @param name {@link #CORRUPTED} or {@link #CLEAN_ONLY}
   * @param iterations L-BFGS iterations MLlib ran ({@code summary().totalIterations()}: the length of its
   *     objective history minus the starting point)
   * @param converged whether the fit stopped before {@code maxIterations}, by its convergence test
   *     (tolerance 1e-6 on the relative decrease of the loss, or on the gradient norm); false when it ran
   *     into the limit, and its coefficients are then not the regularized optimum
   */
  public record Result(String name, long trainSamples, long testSamples, double regParam, int maxIterations,
                       int iterations, boolean converged, double testAccuracy, double wallSeconds) {
    /** The row's values in the order of {@link #COLUMNS}. */
    public List<Object> values() {
      return List.of(name, trainSamples, testSamples, regParam, maxIterations, iterations, converged, testAccuracy,
          wallSeconds);
    }

    /** A JSON-ready map (manifest). */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      List<Object> v = values();
      for (int i = 0; i < COLUMNS.size(); i++) m.put(COLUMNS.get(i), v.get(i));
      return m;
    }
  }

  /**
   * Trains both baselines on the problem's split and returns them, corrupted first.
   *
   * @param maxIterations L-BFGS iteration limit of each fit (>= 1)
   * @throws IllegalArgumentException when the problem has no test split (nothing to score on)
   */
  public static List<Result> run(SparkSession spark, HyperCleaningProblem problem, int maxIterations) {
    if (problem.test() == 0) {
      throw new IllegalArgumentException("problem.hyper-cleaning.baselines = true needs a test split; set"
          + " problem.hyper-cleaning.test > 0 or turn the baselines off");
    }
    if (maxIterations < 1) throw new IllegalArgumentException("maxIterations = " + maxIterations + "; allowed: >= 1");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < problem.agents(); i++) ids.add(i);
    JavaRDD<Integer> agents = jsc.parallelize(ids, problem.agents());
    JavaRDD<Row> trainRows = agents.flatMap(i -> trainRows(problem, i));
    JavaRDD<Row> testRows = agents.flatMap(i -> testRows(problem, i));
    org.apache.spark.sql.Dataset<Row> train = spark.createDataFrame(trainRows, TRAIN_SCHEMA).cache();
    org.apache.spark.sql.Dataset<Row> test = spark.createDataFrame(testRows, TEST_SCHEMA).cache();
    try {
      long testCount = test.count();
      double regParam = 2.0 * problem.regularization();
      LogisticRegression lr = new LogisticRegression().setFamily("multinomial").setElasticNetParam(0.0)
          .setRegParam(regParam).setStandardization(false).setFitIntercept(true).setMaxIter(maxIterations)
          .setTol(1e-6);
      MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
      List<Result> out = new ArrayList<>();
      for (String name : List.of(CORRUPTED, CLEAN_ONLY)) {
        long t0 = System.nanoTime();
        org.apache.spark.sql.Dataset<Row> data = name.equals(CORRUPTED) ? train : train.filter("NOT corrupted");
        long samples = data.count();
        LogisticRegressionModel model = lr.fit(data);
        double acc = accuracy.evaluate(model.transform(test));
        int iterations = model.summary().totalIterations();
        out.add(new Result(name, samples, testCount, regParam, maxIterations, iterations,
            converged(iterations, maxIterations), acc, (System.nanoTime() - t0) / 1e9));
      }
      return out;
    } finally {
      train.unpersist();
      test.unpersist();
    }
  }

  /**
   * Whether a fit that ran {@code iterations} of at most {@code maxIterations} stopped by itself: L-BFGS
   * stops at the limit exactly, so fewer iterations mean its convergence test ended it.
   */
  static boolean converged(int iterations, int maxIterations) {
    return iterations < maxIterations;
  }

  /** Agent i's training samples with their observed labels: built inside a task, never on the driver. */
  static Iterator<Row> trainRows(HyperCleaningProblem problem, int agent) {
    HyperCleaningProblem.AgentRows r = problem.rows(agent);
    Dataset data = problem.source().dataset();
    double[] offset = problem.featureOffset();
    List<Row> rows = new ArrayList<>(r.trainRows().length);
    for (int k = 0; k < r.trainRows().length; k++) {
      rows.add(RowFactory.create(features(data, r.trainRows()[k], offset), (double) r.observedLabels()[k], r.corrupted()[k]));
    }
    return rows.iterator();
  }

  /** Agent i's part of the test split with the true labels. */
  static Iterator<Row> testRows(HyperCleaningProblem problem, int agent) {
    HyperCleaningProblem.AgentRows r = problem.rows(agent);
    Dataset data = problem.source().dataset();
    double[] offset = problem.featureOffset();
    List<Row> rows = new ArrayList<>(r.testRows().length);
    for (int row : r.testRows()) rows.add(RowFactory.create(features(data, row, offset), (double) data.label(row)));
    return rows.iterator();
  }

  /** A row's features, minus the problem's feature offset when it has one (centered features). */
  private static org.apache.spark.ml.linalg.Vector features(Dataset data, int row, double[] offset) {
    double[] f = new double[data.features()];
    for (int j = 0; j < f.length; j++) f[j] = data.feature(row, j) - (offset == null ? 0.0 : offset[j]);
    return Vectors.dense(f);
  }

  /** Writes {@code baselines.csv}: a header and one row per baseline. */
  public static void writeCsv(Path file, List<Result> results) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", COLUMNS));
      w.write('\n');
      for (Result r : results) {
        List<String> cells = new ArrayList<>();
        for (Object v : r.values()) cells.add(String.valueOf(v));
        w.write(String.join(",", cells));
        w.write('\n');
      }
    }
  }

  /** Lines printed under the run's summary table. */
  public static String table(List<Result> results) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s %13s %10s %10s %13s %8s%n", "baseline",
        "train_samples", "iterations", "converged", "test_accuracy", "wall_s"));
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "%-24s %13d %10d %10s %13.4f %8.1f%n", r.name(), r.trainSamples(),
          r.iterations(), r.converged() ? "yes" : "no (limit)", r.testAccuracy(), r.wallSeconds()));
    }
    return sb.toString().stripTrailing();
  }
}
