package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dbo.runtime.LocalSpark;
import dbo.runtime.MetricsRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What "converged" means (run.tolerance, run.stop-measure). The case: the quadratic problem on a ring of 16
 * under severe heterogeneity, where D-SOBA has a heterogeneity bias and SPARKLE-GT none. Measured
 * (in process, these steps): D-SOBA's mean hypergradient norm falls below 1e-10 at iteration 1500, as
 * SPARKLE-GT's does, while its estimation error stays 2.5 and its x consensus error 1.5; the stationarity
 * measure (norm and x, y, z consensus) is 0.58 for D-SOBA and 6.1e-11 for SPARKLE-GT there.
 */
@LocalSpark.Own
class StopMeasureTest {
  private static final double TOLERANCE = 1e-10;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  /** The biased case, in process: 16 agents on a ring, default dimensions, absolute steps 0.02. */
  private static TestConfig ring16() {
    return TestConfig.small().set("seed", 1).set("runner", "in-process")
        .set("problem.agents", 16).unset("problem.quadratic").set("problem.quadratic.rho", 1.0)
        .set("run.iterations", 1500).set("run.log-every", 100).set("run.tolerance", TOLERANCE)
        .set("algorithm-defaults.scale-by-smoothness", false).set("algorithm-defaults.alpha", 0.02)
        .set("algorithm-defaults.beta", 0.02).set("algorithm-defaults.gamma", 0.02)
        .algorithms("type = d-soba", "type = sparkle-gt");
  }

  private Path run(TestConfig c, String name) {
    Path out = tmp.resolve(name);
    Cli.Run r = Cli.main(c.write(tmp.resolve(name + ".conf")).toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    return out;
  }

  private static JsonNode algorithm(JsonNode manifest, String label) {
    for (JsonNode a : manifest.get("algorithms")) if (a.get("label").asText().equals(label)) return a;
    throw new AssertionError("no " + label + " in the manifest");
  }

  /** The last logged row of {@code label}: estimation_error and hypergrad_norm. */
  private static double[] last(Path out, String label) throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
    int est = MetricsRow.COLUMNS.indexOf("estimation_error");
    int norm = MetricsRow.COLUMNS.indexOf("hypergrad_norm");
    double[] last = null;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[0].equals(label)) last = new double[] {Double.parseDouble(f[est]), Double.parseDouble(f[norm])};
    }
    return last;
  }

  @Test
  void theBiasedRunIsNotConvergedWhereXStarIsUnknown() throws IOException {
    // stationarity is the rule where x* is unknown; asked for here on a problem that knows x*, to check it.
    Path out = run(ring16().set("run.stop-measure", "stationarity"), "stationarity");
    JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals("stationarity", m.at("/stopping/measure").asText());
    assertEquals(TOLERANCE, m.at("/stopping/tolerance").asDouble());

    JsonNode dsoba = algorithm(m, "D-SOBA");
    double[] d = last(out, "D-SOBA");
    // The old rule (the norm alone) would have stopped D-SOBA: its norm met the tolerance, yet it is biased.
    assertTrue(d[1] <= TOLERANCE, "D-SOBA's hypergradient norm " + d[1]);
    assertTrue(d[0] > 0.1, "D-SOBA's estimation error " + d[0]);
    assertEquals("budget", dsoba.get("outcome").asText(), dsoba.toString());
    assertEquals(1500, dsoba.get("iterations").asLong());

    JsonNode gt = algorithm(m, "SPARKLE-GT");
    assertEquals("converged", gt.get("outcome").asText(), gt.toString());
    assertTrue(gt.get("message").asText().startsWith("stationarity = "), gt.toString());
    assertTrue(last(out, "SPARKLE-GT")[0] < 1e-15, "SPARKLE-GT reached x*");
  }

  @Test
  void whereXStarIsKnownAutoStopsOnTheEstimationError() throws IOException {
    Path out = run(ring16().set("run.tolerance", 1e-8).algorithms("type = sparkle-gt"), "auto");
    JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals("estimation-error", m.at("/stopping/measure").asText());
    JsonNode gt = algorithm(m, "SPARKLE-GT");
    assertEquals("converged", gt.get("outcome").asText(), gt.toString());
    assertTrue(gt.get("message").asText().startsWith("estimation-error = "), gt.toString());
    double[] g = last(out, "SPARKLE-GT");
    assertTrue(g[0] <= 1e-8, "stopped on the estimation error: " + g[0]);
  }

  @Test
  void bothRunnersStopAtTheSameIterationWithTheSameValue() throws IOException {
    // The small 4-agent case; tolerance 0.2 is met part-way (SLDBO near iteration 100), measured.
    TestConfig c = TestConfig.small().set("seed", 7).set("spark.master", "local[2]")
        .set("run.iterations", 200).set("run.tolerance", 0.2).set("run.stop-measure", "stationarity")
        .algorithms("type = sldbo", "type = d-soba");
    JsonNode spark = JSON.readTree(run(c.set("runner", "spark"), "spark").resolve("manifest.json").toFile());
    JsonNode local = JSON.readTree(run(c.set("runner", "in-process"), "local").resolve("manifest.json").toFile());
    for (String label : List.of("SLDBO", "D-SOBA")) {
      JsonNode s = algorithm(spark, label);
      JsonNode l = algorithm(local, label);
      assertEquals("converged", l.get("outcome").asText(), l.toString());
      assertEquals(l.get("outcome"), s.get("outcome"), label);
      assertEquals(l.get("iterations"), s.get("iterations"), label);
      assertEquals(l.get("message"), s.get("message"), label);
    }
  }

  @Test
  void theEstimationErrorIsRefusedWhereXStarIsUnknown() throws IOException {
    TestConfig c = TestConfig.plain().set("problem.type", "logistic").set("run.stop-measure", "estimation-error");
    Cli.Run r = Cli.main(c.write(tmp.resolve("logistic.conf")).toString(), "--out", tmp.resolve("x").toString());
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().contains("run.stop-measure"), r.err());
  }
}
