package dbo.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dbo.data.Splits;
import dbo.runtime.LocalSpark;
import dbo.runtime.MetricsRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * problem.logistic.data from the command line: the Spark runner (table read by the executors, smoothness
 * estimated there after the session opens) and the in-process runner write the same metrics, bit for bit
 * apart from wall time, and the same smoothness estimate and data description in the manifest; the data
 * description (split, per-agent class histograms) agrees with a recount of the labels the test wrote.
 */
@LocalSpark.Own
class LogisticTableJobTest {
  @TempDir
  Path tmp;

  private Path table() throws IOException {
    SplittableRandom rng = new SplittableRandom(8);
    StringBuilder sb = new StringBuilder("label,a,b,c,d\n");
    for (int s = 0; s < 150; s++) {
      double[] a = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      int label = a[0] + 0.5 * a[1] > 0.3 ? 2 : a[2] > 0 ? 1 : 0;
      sb.append(label);
      for (double v : a) sb.append(',').append(String.format(Locale.ROOT, "%.6f", v));
      sb.append('\n');
    }
    Path file = tmp.resolve("table.csv");
    Files.writeString(file, sb.toString());
    return file;
  }

  private List<String> run(Path data, String runner) throws IOException {
    Path conf = tmp.resolve(runner + ".conf");
    Files.writeString(conf, """
        runner = %s
        spark.master = "local[2]"
        problem { type = logistic, agents = 3
                  logistic.data { format = csv, path = "%s", placement = "dirichlet(1.0)" } }
        topology.type = ring
        run { iterations = 20, log-every = 5 }
        algorithms = [ { type = sldbo }, { type = s3ldbo, p = 0.5 } ]
        """.formatted(runner, data.toString().replace("\\", "/")));
    Path out = tmp.resolve("out-" + runner);
    assertEquals(0, Main.execute(conf.toString(), "--out", out.toString(), "--quiet"));
    int wall = MetricsRow.COLUMNS.indexOf("wall_s");
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("metrics.csv"))) {
      String[] f = line.split(",", -1);
      f[wall] = "";
      rows.add(String.join(",", f));
    }
    Matcher m = Pattern.compile("\"smoothness\"\\s*:\\s*([0-9.eE+-]+)").matcher(Files.readString(out.resolve("manifest.json")));
    assertTrue(m.find(), "no smoothness in the manifest");
    rows.add("smoothness " + m.group(1));
    JsonNode described = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("problem")
        .path("data");
    assertFalse(described.isMissingNode(), "no problem.data in the manifest");
    rows.add("data " + described);
    return rows;
  }

  @Test
  void sparkAndInProcessJobsWriteTheSameMetrics() throws IOException {
    Path data = table();
    List<String> inProcess = run(data, "in-process");
    String[] last = inProcess.get(inProcess.size() - 3).split(",", -1);
    double accuracy = Double.parseDouble(last[MetricsRow.COLUMNS.indexOf("test_accuracy")]);
    assertTrue(accuracy > 0.0 && accuracy <= 1.0, "test accuracy " + accuracy);
    assertEquals(inProcess, run(data, "spark"));
  }

  /**
   * Labels 3, 5 and 7 (so class index k is label class_values[k]) over 160 rows and shares 1/2, 1/4, 1/4,
   * which use every row: the histograms must sum to the agents' sizes, those to the split's sizes, and the
   * per-class totals over all agents and roles to the label counts of the file.
   */
  @Test
  void manifestDescribesTheSplitAndEveryAgentsClassesFromTheLabels() throws IOException {
    SplittableRandom rng = new SplittableRandom(21);
    int[] written = {3, 5, 7};
    int[] counts = new int[3];
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < 160; s++) {
      int k = rng.nextInt(10) < 6 ? 0 : rng.nextInt(1, 3);
      counts[k]++;
      sb.append(written[k]);
      for (int j = 0; j < 3; j++) sb.append(',').append(String.format(Locale.ROOT, "%.5f", rng.nextGaussian() + k));
      sb.append('\n');
    }
    Path file = tmp.resolve("labels.csv");
    Files.writeString(file, sb.toString());
    Path conf = tmp.resolve("describe.conf");
    Files.writeString(conf, """
        runner = in-process
        seed = 5
        problem { type = logistic, agents = 4
                  logistic.data { format = csv, path = "%s", placement = "dirichlet(0.5)",
                                  train = 0.5, validation = 0.25, test = 0.25 } }
        topology.type = ring
        run { iterations = 2, log-every = 1 }
        algorithms = [ { type = sldbo } ]
        """.formatted(file.toString().replace("\\", "/")));
    Path out = tmp.resolve("out-describe");
    assertEquals(0, Main.execute(conf.toString(), "--out", out.toString(), "--quiet"));
    JsonNode problem = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("problem");
    JsonNode data = problem.path("data");
    assertEquals("csv", data.path("source").path("format").asText());
    assertEquals(file.toString(), data.path("source").path("path").asText());
    assertEquals(3, data.path("source").path("features").asInt());
    assertArrayEquals(written, ints(data.path("source").path("class_values")));
    assertEquals(160, data.path("rows").asInt());
    assertEquals(3, data.path("classes").asInt());
    JsonNode split = data.path("split");
    int[] sizes = {80, 40, 40};
    String[] roles = {"train", "validation", "test"};
    for (int r = 0; r < 3; r++) assertEquals(sizes[r], split.path(roles[r]).asInt(), roles[r]);
    assertEquals(Splits.of(160, 80, 40, 40, 5).digest(), split.path("sha256").asText());
    assertEquals("dirichlet(0.5)", data.path("placement").asText());
    int[] perClass = new int[3];
    int[] perRole = new int[3];
    JsonNode agents = data.path("agents");
    assertEquals(4, agents.size());
    for (int i = 0; i < 4; i++) {
      JsonNode a = agents.get(i);
      assertEquals(i, a.path("agent").asInt());
      for (int r = 0; r < 3; r++) {
        int[] h = ints(a.path(roles[r] + "_classes"));
        assertEquals(3, h.length);
        assertEquals(a.path(roles[r]).asInt(), java.util.Arrays.stream(h).sum(), "agent " + i + " " + roles[r]);
        assertTrue(a.path(roles[r]).asInt() >= 1, "agent " + i + " has no " + roles[r] + " rows");
        perRole[r] += a.path(roles[r]).asInt();
        for (int k = 0; k < 3; k++) perClass[k] += h[k];
      }
      assertEquals(a.path("train").asInt(), problem.path("shard_sizes").get(i).asInt());
    }
    assertArrayEquals(sizes, perRole);
    assertArrayEquals(counts, perClass);
  }

  private static int[] ints(JsonNode array) {
    int[] v = new int[array.size()];
    for (int k = 0; k < v.length; k++) v[k] = array.get(k).asInt();
    return v;
  }

  /**
   * format = parquet from the command line: a label column "y" and an array feature column "f" written by
   * Spark; the run succeeds and its manifest names the format. A feature column that is not in the file is
   * bad input (exit 2, the missing column and the key to fix named, nothing written).
   */
  @Test
  void parquetTableRunsFromTheConfigAndAMissingColumnIsBadInput() throws IOException {
    Path dir = tmp.resolve("table.parquet");
    // Its own session, stopped before the job opens the job's.
    org.apache.spark.sql.SparkSession spark = LocalSpark.session("local[1]");
    try {
      SplittableRandom rng = new SplittableRandom(3);
      List<org.apache.spark.sql.Row> rows = new ArrayList<>();
      for (int s = 0; s < 120; s++) {
        double a = rng.nextGaussian();
        double b = rng.nextGaussian();
        rows.add(org.apache.spark.sql.RowFactory.create((long) (a + b > 0 ? 1 : 0), 7,
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(a, b, rng.nextGaussian())).toSeq()));
      }
      org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
          .add("y", "long").add("other", "int").add("f", "array<double>");
      spark.createDataFrame(rows, schema).write().parquet(dir.toString());
    } finally {
      spark.stop();
    }
    String template = """
        runner = in-process
        problem { type = logistic, agents = 2
                  logistic.data { format = parquet, path = "%s", label-column = y, feature-columns = "%s" } }
        topology.type = ring
        run { iterations = 10, log-every = 5 }
        algorithms = [ { type = sldbo } ]
        """;
    String path = dir.toString().replace("\\", "/");
    Path conf = tmp.resolve("parquet.conf");
    Files.writeString(conf, template.formatted(path, "f"));
    Path out = tmp.resolve("out-parquet");
    assertEquals(0, Main.execute(conf.toString(), "--out", out.toString(), "--quiet"));
    JsonNode data = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("problem").path("data");
    assertEquals("parquet", data.path("source").path("format").asText());
    assertEquals("y", data.path("source").path("label_column").asText());
    assertEquals("[\"f\"]", data.path("source").path("feature_columns").toString());
    assertEquals(3, data.path("source").path("features").asInt());
    assertEquals(120, data.path("rows").asInt());

    Files.writeString(conf, template.formatted(path, "f, g"));
    Path bad = tmp.resolve("out-bad");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute(conf.toString(), "--out", bad.toString(), "--quiet");
    } finally {
      System.setErr(saved);
    }
    String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(2, code, message);
    assertTrue(message.contains("no feature column \"g\"") && message.contains("feature-columns"), message);
    assertFalse(Files.exists(bad), "a refused run wrote " + bad);
  }
}
