package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dbo.data.DataDirectory;
import dbo.data.PlacementRule;
import dbo.data.Splits;
import dbo.problem.HyperCleaningLayout;
import dbo.data.IdxFiles;
import dbo.runtime.LocalSpark;
import dbo.runtime.MetricsRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** problem.type = hyper-cleaning from the command line, on a small IDX data directory the test writes. */
@LocalSpark.Own
class HyperCleaningJobTest {
  @TempDir
  Path tmp;

  private Path smallFashionMnist() throws IOException {
    Path dir = tmp.resolve("fashion-mnist");
    Files.createDirectories(dir);
    int n = 300;
    byte[] pixels = new byte[n * 28 * 28];
    int[] labels = new int[n];
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      // Each class lights a different band of rows, plus noise, so the classes are learnable.
      for (int p = 0; p < 784; p++) {
        int row = p / 28;
        int signal = row / 3 == labels[i] ? 200 : 0;
        pixels[i * 784 + p] = (byte) Math.min(255, signal + rng.nextInt(40));
      }
    }
    IdxFiles.writeImages(dir.resolve(DataDirectory.IMAGES), pixels, n, 28, 28, true);
    IdxFiles.writeLabels(dir.resolve(DataDirectory.LABELS), labels, true);
    return dir;
  }

  private String config(Path data) {
    return """
        runner = in-process
        problem { type = hyper-cleaning, agents = 2
                  hyper-cleaning { data = "%s", corruption = 0.3, train = 200, validation = 50, test = 50 } }
        topology.type = ring
        run { iterations = 20, log-every = 10 }
        algorithms = [ { type = sldbo }, { type = s3ldbo, p = 0.5 } ]
        """.formatted(data.toString().replace("\\", "/"));
  }

  @Test
  void runsAndReportsTestAccuracy() throws IOException {
    Path conf = tmp.resolve("hc.conf");
    Files.writeString(conf, config(smallFashionMnist()));
    Path out = tmp.resolve("out");
    assertEquals(0, Main.execute(conf.toString(), "--out", out.toString(), "--quiet"));
    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    String[] last = csv.get(csv.size() - 1).split(",", -1);
    double accuracy = Double.parseDouble(last[MetricsRow.COLUMNS.indexOf("test_accuracy")]);
    assertTrue(accuracy > 0.1 && accuracy <= 1.0, "test accuracy " + accuracy);
    assertEquals("", last[MetricsRow.COLUMNS.indexOf("estimation_error")]);
    // Iteration 0 (x = 0, every weight 1/2): nothing flagged, so precision is empty and recall 0.
    String[] first = csv.get(1).split(",", -1);
    assertEquals("", first[MetricsRow.COLUMNS.indexOf("flag_precision")]);
    assertEquals(0.0, Double.parseDouble(first[MetricsRow.COLUMNS.indexOf("flag_recall")]));
    double recall = Double.parseDouble(last[MetricsRow.COLUMNS.indexOf("flag_recall")]);
    assertTrue(recall >= 0.0 && recall <= 1.0, "flag recall " + recall);
    String summary = Files.readString(out.resolve("report/index.html"));
    assertTrue(summary.contains("<th>flag precision</th>") && summary.contains("<th>flag recall</th>"));
  }

  /** metrics.csv without wall time, and the manifest's smoothness estimate, of one run on {@code runner}. */
  private List<String> run(Path data, String runner, String features) throws IOException {
    Path conf = tmp.resolve("hc-" + runner + "-" + features + ".conf");
    Files.writeString(conf, config(data).replace("runner = in-process", "runner = " + runner
        + "\nspark.master = \"local[2]\"\nproblem.hyper-cleaning.features = " + features));
    Path out = tmp.resolve("out-" + runner + "-" + features);
    assertEquals(0, Main.execute(conf.toString(), "--out", out.toString(), "--quiet"));
    int wall = MetricsRow.COLUMNS.indexOf("wall_s");
    List<String> rows = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("metrics.csv"))) {
      String[] f = line.split(",", -1);
      f[wall] = "";
      rows.add(String.join(",", f));
    }
    JsonNode problem = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("problem");
    assertTrue(problem.path("smoothness").isNumber(), "no smoothness in the manifest: " + problem);
    rows.add("smoothness " + problem.path("smoothness").asDouble());
    assertEquals(features, problem.path("data").path("features").asText(), "manifest problem.data.features");
    return rows;
  }

  /**
   * On the Spark runner the executors build the shards and estimate the smoothness (the driver reads only
   * labels); the run equals the in-process one, which estimates it in its own JVM, apart from wall time.
   * With centered features the executors also compute the training mean they subtract, to the same bits.
   */
  @Test
  void sparkAndInProcessRunsAgreeWithTheSmoothnessEstimatedByTheExecutors() throws IOException {
    Path data = smallFashionMnist();
    for (String features : List.of("raw", "centered")) {
      List<String> inProcess = run(data, "in-process", features);
      assertTrue(inProcess.size() > 4, "rows " + inProcess);
      assertEquals(inProcess, run(data, "spark", features), features);
    }
  }

  /** The manifest's data facts match the layout recomputed here from the labels the test wrote. */
  @Test
  void manifestRecordsSplitHistogramsAndCorruptionPerAgent() throws IOException {
    Path conf = tmp.resolve("hc.conf");
    Files.writeString(conf, config(smallFashionMnist()) + "run.iterations = 1\nalgorithms = [ { type = sldbo } ]\n"
        + "problem.hyper-cleaning { baselines = true, baseline-iterations = 20 }\n");
    Path out = tmp.resolve("out");
    assertEquals(0, Main.execute(conf.toString(), "--out", out.toString(), "--quiet"));
    JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    JsonNode data = m.path("problem").path("data");
    int[] labels = new int[300];
    for (int i = 0; i < 300; i++) labels[i] = i % 10;
    HyperCleaningLayout layout = HyperCleaningLayout.of(labels, 10, 2, 200, 50, 50, 0.3, PlacementRule.iid(),
        m.path("seed").asLong());
    assertEquals(200, data.path("split").path("train").asInt());
    assertEquals(50, data.path("split").path("validation").asInt());
    assertEquals(50, data.path("split").path("test").asInt());
    assertEquals(Splits.of(300, 200, 50, 50, m.path("seed").asLong()).digest(), data.path("split").path("sha256").asText());
    assertEquals(layout.corruptedCount(), data.path("corrupted").asInt());
    assertTrue(layout.corruptedCount() > 20, "about 0.3 * 0.9 * 200 = 54 corrupted");
    assertEquals(2, data.path("agents").size());
    int corruptedSum = 0;
    for (int i = 0; i < 2; i++) {
      JsonNode a = data.path("agents").get(i);
      assertEquals(i, a.path("agent").asInt());
      int[] wrong = {0};
      for (int t : layout.train().indices()[i]) if (layout.corrupted()[t]) wrong[0]++;
      assertEquals(wrong[0], a.path("corrupted").asInt());
      corruptedSum += a.path("corrupted").asInt();
      assertEquals(boxed(layout.train().histograms()[i]), ints(a.path("train_classes")));
      assertEquals(boxed(layout.validation().histograms()[i]), ints(a.path("validation_classes")));
      assertEquals(boxed(layout.test().histograms()[i]), ints(a.path("test_classes")));
      assertEquals(a.path("train").asInt(), ints(a.path("train_classes")).stream().mapToInt(o -> (Integer) o).sum());
      assertEquals(a.path("train").asInt(),
          ints(a.path("train_observed_classes")).stream().mapToInt(o -> (Integer) o).sum());
      assertEquals(25, a.path("test").asInt());
    }
    assertEquals(layout.corruptedCount(), corruptedSum);
    // The MLlib baselines: baselines.csv, the manifest's entry and the report's summary table agree.
    List<String> baselines = Files.readAllLines(out.resolve("baselines.csv"));
    assertEquals(3, baselines.size(), String.join("\n", baselines));
    assertEquals(String.join(",", dbo.baseline.MllibBaselines.COLUMNS), baselines.get(0));
    JsonNode b = m.path("baselines");
    assertEquals(2, b.size());
    assertEquals("mllib-corrupted-labels", b.get(0).path("baseline").asText());
    assertEquals(200, b.get(0).path("train_samples").asInt());
    assertEquals("mllib-clean-only", b.get(1).path("baseline").asText());
    assertEquals(200 - layout.corruptedCount(), b.get(1).path("train_samples").asInt());
    assertEquals(50, b.get(1).path("test_samples").asInt());
    for (int i = 0; i < 2; i++) {
      double acc = b.get(i).path("test_accuracy").asDouble();
      assertTrue(acc > 0.1 && acc <= 1.0, "baseline accuracy " + acc);
      // converged: the fit stopped by its tolerance, before baseline-iterations
      assertEquals(20, b.get(i).path("max_iterations").asInt());
      assertTrue(b.get(i).path("converged").isBoolean(), b.get(i).toString());
      assertEquals(b.get(i).path("iterations").asInt() < 20, b.get(i).path("converged").asBoolean(), b.get(i).toString());
      assertTrue(baselines.get(i + 1).startsWith(b.get(i).path("baseline").asText() + ","));
    }
    String html = Files.readString(out.resolve("report/index.html"));
    assertTrue(html.contains("MLlib LR, corrupted labels (baseline)"), "baseline row in the summary table");
    assertTrue(html.contains("MLlib LR, clean samples only (baseline)"));
  }

  private static List<Object> boxed(int[] values) {
    List<Object> out = new java.util.ArrayList<>();
    for (int v : values) out.add(v);
    return out;
  }

  private static List<Object> ints(JsonNode array) {
    List<Object> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }

  @Test
  void aMissingDataDirectoryIsRefusedWithTheFix() throws IOException {
    Path conf = tmp.resolve("hc.conf");
    Files.writeString(conf, config(tmp.resolve("nowhere")));
    Path out = tmp.resolve("out");
    assertEquals(Main.EXIT_BAD_INPUT, Main.execute(conf.toString(), "--out", out.toString(), "--quiet"));
    assertFalse(Files.exists(out));
  }
}
