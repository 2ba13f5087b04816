package dbo.job.tools;

import dbo.job.Cli;
import dbo.job.TestConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dbo.runtime.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/reproduce end to end on a tiny suite: record, reproduce, catch a perturbed reference, refuse bad input. */
@LocalSpark.Own
class ReproduceTest {
  private static final String EXPERIMENT = TestConfig.small().set("seed", 5).set("runner", "in-process")
      .set("run.iterations", 40).text();

  private static final String SUITE = """
      reproduce {
        description = "test suite"
        runs = [
          { name = plain, config = "experiment.conf", set = ["run.iterations=30"] }
          { name = grid, config {
              runner = in-process
              problem { type = logistic, agents = 4, logistic { features = 3, train = 20, validation = 10, test = 10 } }
              topology { type = ring }
              run { iterations = 20, log-every = 10 }
              algorithms = [ { type = sparkle-gt } ]
              grid { seeds = [1, 2] }
            } }
        ]
        metrics = [iteration, grad_f, hvp, estimation_error, hypergrad_norm, test_accuracy]
        tolerances {
          iteration = exact, grad_f = exact, hvp = exact
          estimation_error = "log10 0.3 floor 1e-20"
          hypergrad_norm = "relative 1e-9"
          test_accuracy = "absolute 1e-9"
        }
      }
      """;

  @TempDir
  Path tmp;

  private Path suites() throws IOException {
    Path dir = tmp.resolve("suites");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("experiment.conf"), EXPERIMENT);
    Files.writeString(dir.resolve("tiny.conf"), SUITE);
    return dir;
  }

  /** Runs the CLI and returns (exit code, stdout, stderr). */
  private static String[] run(String... args) {
    Cli.Run r = Cli.reproduce(args);
    return new String[] {Integer.toString(r.code()), r.out(), r.err()};
  }

  /** Multiplies the reference value of (run, algorithm, metric) by {@code factor}, or adds {@code plus}. */
  private static void perturb(Path reference, String runName, String metric, double factor, double plus) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode root = json.readTree(reference.toFile());
    boolean found = false;
    for (JsonNode e : root.get("values")) {
      if (e.get("run").asText().equals(runName) && e.get("algorithm").asText().equals("SLDBO")
          && e.get("metric").asText().equals(metric)) {
        ((ObjectNode) e).put("value", e.get("value").asDouble() * factor + plus);
        found = true;
        break;
      }
    }
    assertTrue(found, metric + " of " + runName + " is in the reference");
    json.writeValue(reference.toFile(), root);
  }

  @Test
  void recordsReproducesAndCatchesAPerturbedReference() throws IOException {
    Path suites = suites();
    Path reference = suites.resolve("references/tiny.json");

    String[] rec = run("tiny", "--suites", suites.toString(), "--update-reference", "--out", tmp.resolve("a").toString());
    assertEquals("0", rec[0], rec[2]);
    JsonNode ref = new ObjectMapper().readTree(reference.toFile());
    assertEquals("tiny", ref.get("suite").asText());
    assertTrue(ref.get("versions").has("spark") && ref.has("created"), "the reference records versions and date");
    // plain: 2 algorithms; grid: 2 cells x 1 algorithm; 6 metrics each.
    assertEquals((2 + 2) * 6, ref.get("values").size());
    assertTrue(ref.get("values").toString().contains("\"cell\":\"seed=2\""), "grid cells are told apart");

    // A second, independent run reproduces its own reference.
    Path b = tmp.resolve("b");
    String[] again = run("tiny", "--suites", suites.toString(), "--out", b.toString());
    assertEquals("0", again[0], again[1] + again[2]);
    assertTrue(again[1].contains("24 values, 24 pass, 0 not: REPRODUCED"), again[1]);
    assertTrue(Files.readString(b.resolve("comparison.csv")).startsWith("run,cell,algorithm,metric,reference"));

    // The estimation error 3x off (log10 3 = 0.48 > 0.3) is a regression, named in the table.
    perturb(reference, "plain", "estimation_error", 3.0, 0.0);
    String[] off = run("tiny", "--suites", suites.toString(), "--reuse", b.toString(), "--failures-only");
    assertEquals(Integer.toString(Reproduce.EXIT_REGRESSION), off[0], off[1] + off[2]);
    String failing = off[1].lines().filter(l -> l.contains("FAIL")).findFirst().orElse("");
    assertTrue(failing.startsWith("plain") && failing.contains("SLDBO") && failing.contains("estimation_error"), off[1]);
    assertTrue(off[1].contains("1 not: REGRESSION"), off[1]);

    // 1.5x is inside the log10 band (0.18 <= 0.3) ...
    perturb(reference, "plain", "estimation_error", 0.5, 0.0);
    assertEquals("0", run("tiny", "--suites", suites.toString(), "--reuse", b.toString())[0]);
    // ... but one oracle call more is not: counts are exact.
    perturb(reference, "plain", "hvp", 1.0, 1.0);
    String[] count = run("tiny", "--suites", suites.toString(), "--reuse", b.toString(), "--failures-only");
    assertEquals(Integer.toString(Reproduce.EXIT_REGRESSION), count[0]);
    assertTrue(count[1].lines().anyMatch(l -> l.contains("hvp") && l.contains("FAIL")), count[1]);
  }

  @Test
  void unknownSuiteAndMissingReferenceAreBadInputAndRunNothing() throws IOException {
    Path suites = suites();
    String[] none = run("nope", "--suites", suites.toString());
    assertEquals("2", none[0]);
    assertEquals(1, none[2].strip().lines().count(), none[2]);
    assertTrue(none[2].startsWith("error: no suite \"nope\"") && none[2].contains("allowed: tiny"), none[2]);

    Path out = tmp.resolve("never");
    String[] noRef = run("tiny", "--suites", suites.toString(), "--out", out.toString());
    assertEquals("2", noRef[0]);
    assertTrue(noRef[2].startsWith("error: suite tiny has no reference")
        && noRef[2].contains("jobs/reproduce tiny --update-reference"), noRef[2]);
    assertFalse(Files.exists(out), "nothing ran");
  }

  @Test
  void aMetricWithoutToleranceIsRefused() throws IOException {
    Path suites = suites();
    Files.writeString(suites.resolve("tiny.conf"), SUITE.replace("hvp = exact", ""));
    String[] r = run("tiny", "--suites", suites.toString(), "--update-reference");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("metric hvp has no tolerance; add reproduce.tolerances.hvp"), r[2]);
  }
}
