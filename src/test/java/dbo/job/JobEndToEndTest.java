package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dbo.runtime.LocalSpark;
import dbo.runtime.MetricsRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job from the command line to the result directory, as a user runs it. */
@LocalSpark.Own
class JobEndToEndTest {
  /** The small experiment with seed 7 on Spark (local[2]), checkpointing every 4 iterations. */
  private static TestConfig experiment() {
    return TestConfig.small().set("seed", 7).set("runner", "spark").set("spark.master", "local[2]")
        .set("run.checkpoint-every", 4).set("run.progress-seconds", 0.01);
  }

  /** The same in process. */
  private static TestConfig inProcess() {
    return experiment().set("runner", "in-process");
  }

  @TempDir
  Path tmp;

  private Path config(String text) throws IOException {
    Path file = tmp.resolve("experiment.conf");
    Files.writeString(file, text);
    return file;
  }

  /** Runs the CLI and returns (exit code, stderr). */
  private static Object[] run(String... args) {
    Cli.Run r = Cli.main(args);
    return new Object[] {r.code(), r.err()};
  }

  @Test
  void writesACompleteResultDirectory() throws IOException {
    Path out = tmp.resolve("result");
    Object[] r = run(config(experiment().text()).toString(), "--out", out.toString());
    assertEquals(0, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains("[SLDBO] iteration"), "progress lines are printed: " + r[1]);

    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    assertEquals(String.join(",", MetricsRow.COLUMNS), csv.get(0));
    // Iterations 0, 10, 20, 30 for each of the two algorithms.
    assertEquals(1 + 2 * 4, csv.size());
    assertTrue(csv.get(1).startsWith("SLDBO,0,"));
    assertTrue(csv.get(5).startsWith("S3LDBO(p=0.5),0,"));
    String[] last = csv.get(4).split(",", -1);
    assertEquals("30", last[1]);
    assertEquals("", last[MetricsRow.COLUMNS.indexOf("test_accuracy")], "no test accuracy on the quadratic problem");
    assertFalse(last[MetricsRow.COLUMNS.indexOf("estimation_error")].isEmpty());

    JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(7, m.get("seed").asInt());
    assertEquals("budget", m.get("outcome").asText());
    assertEquals("spark(local[2])", m.get("runner").asText());
    assertEquals(2, m.get("algorithms").size());
    assertEquals(4 * 31, m.get("algorithms").get(0).get("totals").get("grad_g").asLong());
    double gap = m.get("topology").get("x").get("spectral_gap").asDouble();
    assertEquals(1 - (1.0 / 3 + 2.0 / 3 * Math.cos(Math.PI / 2)), gap, 1e-12);
    assertEquals("4.1.0", m.get("versions").get("spark").asText());
    assertEquals(0.5, m.get("config").get("algorithms").get(1).get("p").asDouble());

    SparkSession spark = LocalSpark.session("local[1]");
    try {
      Dataset<Row> parquet = spark.read().parquet(out.resolve("metrics.parquet").toString());
      assertEquals(8, parquet.count());
      assertEquals(MetricsRow.COLUMNS, List.of(parquet.columns()));
      assertEquals(0, parquet.filter("test_accuracy is not null").count());
    } finally {
      spark.stop();
    }
    try (Stream<Path> files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".partial")), "no staging left");
    }
    assertFalse(Files.exists(out.resolve(".checkpoints")), "checkpoints are removed from the result");
    assertTrue(Files.size(out.resolve("report/index.html")) > 1000, "the report is part of the result");
    assertTrue(Files.size(out.resolve("report/estimation_error-vs-gradient_evaluations.png")) > 5000);
  }

  @Test
  void refusesToOverwriteAnExistingResultAndLeavesItUntouched() throws IOException {
    Path out = tmp.resolve("taken");
    Files.createDirectories(out);
    Files.writeString(out.resolve("manifest.json"), "{\"previous\": true}");
    Object[] r = run(config(experiment().text()).toString(), "--out", out.toString());
    assertEquals(Main.EXIT_BAD_INPUT, r[0]);
    String err = ((String) r[1]).strip();
    assertTrue(err.contains("--overwrite"), err);
    assertEquals(1, err.lines().count(), "one line: " + err);
    assertEquals("{\"previous\": true}", Files.readString(out.resolve("manifest.json")));
  }

  @Test
  void badConfigurationExitsWithOneLineAndWritesNothing() throws IOException {
    Path out = tmp.resolve("never");
    Object[] r = run(config(experiment().append("run.iteratons = 5").text()).toString(), "--out", out.toString());
    assertEquals(Main.EXIT_BAD_INPUT, r[0]);
    String err = ((String) r[1]).strip();
    assertTrue(err.startsWith("error: "), err);
    assertTrue(err.contains("run.iteratons") && err.contains("run.iterations"), err);
    assertEquals(1, err.lines().count(), err);
    assertFalse(Files.exists(out));
  }

  @Test
  void torusOnANonSquareCountIsRefusedBeforeAnythingRuns() throws IOException {
    Path out = tmp.resolve("never");
    String text = experiment().set("problem.agents", 6).set("topology.type", "torus").text();
    Object[] r = run(config(text).toString(), "--out", out.toString());
    assertEquals(Main.EXIT_BAD_INPUT, r[0]);
    assertTrue(((String) r[1]).contains("topology.rows"), (String) r[1]);
    assertFalse(Files.exists(out));
  }

  @Test
  void aDivergingStepSizeEndsWithOutcomeDivergedAndExitThree() throws IOException {
    Path out = tmp.resolve("diverged");
    Object[] r = run(config(inProcess().text()).toString(), "--out",
        out.toString(), "--set", "algorithm-defaults.beta=50", "--set", "run.iterations=200");
    assertEquals(Main.EXIT_DIVERGED, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains("diverged at iteration"), (String) r[1]);
    JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("diverged", m.get("outcome").asText());
    assertEquals("diverged", m.get("algorithms").get(0).get("outcome").asText());
  }

  @Test
  void aGridRunsEveryCellInOneApplicationAndSummarizesOverSeeds() throws IOException {
    Path out = tmp.resolve("grid");
    String text = inProcess().append("""
        grid { seeds = [1, 2], vary { "topology.type" = [ring, full] }, target = 1e-3 }
        topology { yz { type = full } }
        """).text();
    Object[] r = run(config(text).toString(), "--out", out.toString());
    assertEquals(0, r[0], (String) r[1]);
    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    assertEquals("seed,topology_type," + String.join(",", MetricsRow.COLUMNS), csv.get(0));
    // 2 seeds x 2 graphs x 2 algorithms x 4 logged iterations.
    assertEquals(1 + 2 * 2 * 2 * 4, csv.size());
    assertTrue(csv.get(1).startsWith("1,ring,SLDBO,0,"));
    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals("topology_type,algorithm,seeds,reached_target,median_final_error,"
        + "median_gradient_evaluations_to_target", summary.get(0));
    assertEquals(1 + 2 * 2, summary.size());
    assertTrue(summary.get(1).startsWith("ring,SLDBO,2,"));
    JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(4, m.get("cells").size());
    assertTrue(m.get("cells").get(3).get("overrides").toString().contains("topology.type=\\\"full\\\""));
    // The same cell run alone gives the same numbers as inside the grid.
    Path single = tmp.resolve("single");
    Object[] alone = run(config(inProcess().append("topology { yz { type = full } }").text()).toString(), "--out",
        single.toString(), "--set", "seed=2", "--set", "topology.type=full");
    assertEquals(0, alone[0], (String) alone[1]);
    List<String> aloneRows = Files.readAllLines(single.resolve("metrics.csv"));
    List<String> gridRows = csv.stream().filter(l -> l.startsWith("2,full,")).map(l -> l.substring("2,full,".length()))
        .toList();
    assertEquals(strip(aloneRows.subList(1, aloneRows.size())), strip(gridRows));
  }

  /**
   * A grid file that takes its experiment from another file by {@code include}: every cell runs the
   * included experiment (the cells are rebuilt from the file's text with its includes expanded; the raw text
   * would silently drop them, since HOCON skips an include it cannot find), equal to the single run.
   */
  @Test
  void aGridCellSeesWhatItsConfigIncludes() throws IOException {
    Path base = tmp.resolve("base.conf");
    Files.writeString(base, inProcess().text());
    Path grid = tmp.resolve("grid-including.conf");
    Files.writeString(grid, "include \"" + base.getFileName() + "\"\n"
        + "grid { seeds = [7], vary { \"algorithm-defaults.beta\" = [0.05] } }\n");
    Path out = tmp.resolve("grid-included");
    Object[] r = run(grid.toString(), "--out", out.toString());
    assertEquals(0, r[0], (String) r[1]);
    List<String> gridRows = Files.readAllLines(out.resolve("metrics.csv")).stream()
        .filter(l -> l.startsWith("7,0.05,")).map(l -> l.substring("7,0.05,".length())).toList();
    Path single = tmp.resolve("single-included");
    Object[] alone = run(base.toString(), "--out", single.toString());
    assertEquals(0, alone[0], (String) alone[1]);
    List<String> aloneRows = Files.readAllLines(single.resolve("metrics.csv"));
    assertEquals(2 * 4, gridRows.size());
    assertEquals(strip(aloneRows.subList(1, aloneRows.size())), strip(gridRows));
  }

  /** Rows without the wall_s column. */
  private static List<String> strip(List<String> rows) {
    return rows.stream().map(l -> {
      String[] f = l.split(",", -1);
      f[2] = "";
      return String.join(",", f);
    }).toList();
  }
}
