package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.data.DataDirectory;
import dbo.data.IdxFiles;
import dbo.data.PlacementRule;
import dbo.data.TableSource;
import dbo.problem.HyperparameterShape;
import dbo.problem.LogisticHpoTableProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table read by Spark on the executors ({@link SparkShards}) gives the same shards, smoothness
 * estimate and metrics, bit for bit, as the in-process runner reading the same file with the plain
 * readers: for LIBSVM, CSV, IDX and Parquet files that the test writes itself (Parquet through Spark, in
 * several part files), with label-skewed placement.
 */
@LocalSpark.Shared
class TableRunnerEquivalenceTest {
  private static final int AGENTS = 4;
  private static final MixingPlan PLAN = Fixtures.ring(AGENTS);
  private static final List<AgentAlgorithm<?>> ALGORITHMS = List.of(Fixtures.sldbo(), Fixtures.s3ldbo(0.3, 11));

  @TempDir
  static Path tmp;

  private static LogisticHpoTableProblem spec(TableSource source) {
    return new LogisticHpoTableProblem(AGENTS, source, 0.5, 0.25,
        0.25, PlacementRule.dirichlet(1.0), HyperparameterShape.PER_FEATURE, 3L, -2.0);
  }

  private static void assertSameRuns(TableSource.Format format, Path path, int features) {
    assertSameRuns(new TableSource(format, path.toString(), features, 0));
  }

  private static void assertSameRuns(TableSource source) {
    TableSource.Format format = source.format();
    LogisticHpoTableProblem inProcessSpec = spec(source);
    LogisticHpoTableProblem sparkSpec = spec(source);
    double l = inProcessSpec.smoothness();
    assertEquals(l, SparkShards.smoothness(LocalSpark.shared(), sparkSpec), format + ": smoothness");
    List<List<MetricsRow>> reference = new ArrayList<>();
    IterationLoop loop = new IterationLoop(inProcessSpec, PLAN, Fixtures.loop(12, 4), Fixtures.SILENT);
    try (Engine e = new InProcessEngine(inProcessSpec, PLAN)) {
      for (AgentAlgorithm<?> a : ALGORITHMS) reference.add(Fixtures.comparable(loop.run(e, a)));
    }
    List<List<MetricsRow>> spark = new ArrayList<>();
    IterationLoop sparkLoop = new IterationLoop(sparkSpec, PLAN, Fixtures.loop(12, 4), Fixtures.SILENT);
    try (Engine e = new SparkEngine(LocalSpark.shared(), sparkSpec, PLAN, 5)) {
      for (AgentAlgorithm<?> a : ALGORITHMS) spark.add(Fixtures.comparable(sparkLoop.run(e, a)));
    }
    // The runs do something: the upper loss moves and the test accuracy is measured.
    MetricsRow first = reference.get(0).get(0);
    MetricsRow last = reference.get(0).get(reference.get(0).size() - 1);
    assertTrue(last.upperLoss() != first.upperLoss(), format + ": upper loss did not move");
    assertTrue(last.testAccuracy() > 0.0, format + ": no test accuracy");
    assertEquals(reference, spark, format + ": Spark differs from the in-process runner");
  }

  private static String rows(int n, int d, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < n; s++) {
      double[] a = new double[d];
      double score = 0.0;
      for (int j = 0; j < d; j++) {
        a[j] = rng.nextDouble() < 0.3 ? 0.0 : rng.nextGaussian();
        score += (j % 3 + 1) * a[j];
      }
      sb.append(Math.floorMod((int) Math.floor(score), classes));
      for (int j = 0; j < d; j++) sb.append(',').append(String.format(Locale.ROOT, "%.6g", a[j]));
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void csvTableGivesTheSameBits() throws IOException {
    Path file = tmp.resolve("table.csv");
    Files.writeString(file, "label,a,b,c,d,e\n\n" + rows(160, 5, 3, 1));
    assertSameRuns(TableSource.Format.CSV, file, 0);
  }

  @Test
  void libsvmTableGivesTheSameBits() throws IOException {
    StringBuilder sb = new StringBuilder("# a comment line\n");
    for (String line : rows(160, 6, 2, 2).split("\n")) {
      String[] f = line.split(",");
      sb.append(f[0].equals("0") ? "-1" : "+1");
      for (int j = 1; j < f.length; j++) if (Double.parseDouble(f[j]) != 0.0) sb.append(' ').append(j).append(':').append(f[j]);
      sb.append(line.hashCode() % 7 == 0 ? "  # trailing comment\n\n" : "\n");
    }
    Path file = tmp.resolve("table.svm");
    Files.writeString(file, sb.toString());
    assertSameRuns(TableSource.Format.LIBSVM, file, 8);
  }

  @Test
  void idxImagesGiveTheSameBits() throws IOException {
    Path dir = tmp.resolve("idx");
    Files.createDirectories(dir);
    int n = 120;
    SplittableRandom rng = new SplittableRandom(4);
    byte[] pixels = new byte[n * 28 * 28];
    int[] labels = new int[n];
    for (int s = 0; s < n; s++) {
      labels[s] = rng.nextInt(10);
      for (int j = 0; j < 784; j++) {
        if (rng.nextDouble() < 0.2 || j % 10 == labels[s]) pixels[s * 784 + j] = (byte) rng.nextInt(256);
      }
    }
    IdxFiles.writeImages(dir.resolve(DataDirectory.IMAGES), pixels, n, 28, 28, true);
    IdxFiles.writeLabels(dir.resolve(DataDirectory.LABELS), labels, true);
    assertSameRuns(TableSource.Format.IDX, dir, 0);
  }

  /**
   * Writes {@code n} rows through Spark in 3 part files (partitions keep the rows' order): label, an
   * ignored string column, five numeric columns a..e (double, float, int, long, double), a Spark ML vector
   * (dense on even rows, sparse on odd ones) and an array of doubles; returns the expected float features
   * (numeric columns, then vector, then array) per row.
   */
  private static float[][] writeParquet(Path dir, int n) {
    org.apache.spark.sql.SparkSession spark = LocalSpark.sharedSession();
    JavaSparkContext jsc = LocalSpark.shared();
    SplittableRandom rng = new SplittableRandom(9);
    List<org.apache.spark.sql.Row> rows = new ArrayList<>();
    float[][] expected = new float[n][];
    for (int s = 0; s < n; s++) {
      double a = rng.nextGaussian();
      float b = (float) rng.nextGaussian();
      int c = rng.nextInt(-3, 4);
      long d = rng.nextLong(-5, 6);
      double e = rng.nextDouble() < 0.3 ? 0.0 : rng.nextGaussian();
      double[] v = {rng.nextGaussian(), 0.0, rng.nextDouble() < 0.5 ? 0.0 : rng.nextGaussian()};
      double[] arr = {rng.nextGaussian(), rng.nextGaussian()};
      int label = Math.floorMod((int) Math.floor(a + 2 * b + c * 0.3 + v[0]), 3) * 10;
      org.apache.spark.ml.linalg.Vector vec = s % 2 == 0 ? org.apache.spark.ml.linalg.Vectors.dense(v)
          : org.apache.spark.ml.linalg.Vectors.dense(v).toSparse();
      rows.add(org.apache.spark.sql.RowFactory.create(label, "row" + s, a, b, c, d, e, vec,
          scala.jdk.javaapi.CollectionConverters.asScala(List.of(arr[0], arr[1])).toSeq()));
      expected[s] = new float[] {(float) a, b, c, d, (float) e, (float) v[0], (float) v[1], (float) v[2],
          (float) arr[0], (float) arr[1]};
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("label", "int").add("name", "string").add("a", "double").add("b", "float").add("c", "int")
        .add("d", "long").add("e", "double").add("vec", new org.apache.spark.ml.linalg.VectorUDT())
        .add("arr", "array<double>");
    spark.createDataFrame(jsc.parallelize(rows, 3).rdd(), schema).write().parquet(dir.toString());
    return expected;
  }

  @Test
  void parquetTableGivesTheSameBitsAndTheWrittenValuesInOrder() {
    Path dir = tmp.resolve("table.parquet");
    int n = 160;
    float[][] expected = writeParquet(dir, n);
    TableSource source = new TableSource(TableSource.Format.PARQUET, dir.toString(), 0, 0, "label",
        List.of("a", "b", "c", "d", "e", "vec", "arr"));
    assertEquals(3, source.parquet().files().size(), "part files");
    dbo.data.Dataset read = source.read();
    assertEquals(n, read.rows());
    assertEquals(10, read.features());
    assertEquals(List.of(0, 10, 20), java.util.Arrays.stream(read.classValues()).boxed().toList());
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < 10; j++) assertEquals(expected[s][j], (float) read.feature(s, j), "row " + s + " col " + j);
    }
    assertSameRuns(source);
  }

  @Test
  void parquetFeatureColumnsDefaultToEveryNumericColumnButTheLabel() {
    Path dir = tmp.resolve("numeric.parquet");
    org.apache.spark.sql.SparkSession spark = LocalSpark.sharedSession();
    writeParquet(tmp.resolve("all.parquet"), 160);
    spark.read().parquet(tmp.resolve("all.parquet").toString()).select("a", "label", "b", "e")
        .write().parquet(dir.toString());
    TableSource source = new TableSource(TableSource.Format.PARQUET, dir.toString(), 0, 0, "label", List.of());
    assertEquals(3, source.read().features());
    assertSameRuns(source);
  }
}
