package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meta-learning problem as a job: a run writes meta-test.csv (the initial and the learned feature map,
 * meta-test and meta-train, with intervals) whose learned meta-test accuracy is the last test_accuracy of
 * metrics.csv; and bad task shapes, or d-maml on another problem, exit 2 with one line naming the key,
 * writing nothing.
 */
@dbo.runtime.LocalSpark.Own
class MetaLearningJobTest {
  @TempDir
  Path tmp;

  private static final String PROBLEM = "problem { type = meta-learning, agents = 3\n"
      + "  meta-learning { synthetic { classes = 12, per-class = 10, features = 6, latent = 2 }\n"
      + "    ways = 3, shots = 2, queries = 3, tasks = 2, test-classes = 4, hidden = 3, test-tasks = 6 } }\n";

  private Path config(String extra) throws IOException {
    Path p = tmp.resolve("experiment.conf");
    Files.writeString(p, "seed = 2\nrunner = in-process\n" + PROBLEM + "topology { type = ring }\n"
        + "run { iterations = 4, log-every = 2 }\n"
        + "algorithm-defaults { alpha = 0.5, beta = 1.0, gamma = 1.0, scale-by-smoothness = false }\n"
        + "algorithms = [ { type = sldbo }, { type = d-maml } ]\n" + extra);
    return p;
  }

  /** Slow: a whole job (Spark session, report) takes about a minute on the shared 2-core machine. */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void aRunRecordsTheMetaTestOfTheInitialAndTheLearnedFeatureMaps() throws IOException {
    Path out = tmp.resolve("result");
    Cli.Run r = Cli.main(config("").toString(), "--out", out.toString(), "--quiet");
    assertEquals(Main.EXIT_OK, r.code(), r.err());
    List<String> lines = Files.readAllLines(out.resolve("meta-test.csv"));
    assertEquals("model,split,tasks,accuracy,ci95", lines.get(0));
    assertEquals(7, lines.size());
    assertTrue(lines.get(1).startsWith("initial,meta-test,6,"), lines.get(1));
    assertTrue(lines.get(3).startsWith("SLDBO,meta-test,6,"), lines.get(3));
    assertTrue(lines.get(6).startsWith("D-MAML,meta-train,6,"), lines.get(6));
    List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
    List<String> header = List.of(metrics.get(0).split(","));
    String lastSldbo = metrics.stream().filter(l -> l.startsWith("SLDBO,4,")).findFirst().orElseThrow();
    double accuracy = Double.parseDouble(lastSldbo.split(",")[header.indexOf("test_accuracy")]);
    assertEquals(accuracy, Double.parseDouble(lines.get(3).split(",")[3]), 1e-12);
  }

  private void assertRefused(String extra, String start) throws IOException {
    Path out = tmp.resolve("refused");
    Cli.Run r = Cli.main(config(extra).toString(), "--out", out.toString(), "--quiet");
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    assertEquals(1, r.errors().size(), r.err());
    assertTrue(r.errors().get(0).contains(start), r.err());
    assertFalse(Files.exists(out), "nothing at --out");
    assertFalse(Files.exists(out.resolveSibling(".refused.partial")), "no staging directory");
  }

  @Test
  void tooFewClassesForTheMetaTestExit2() throws IOException {
    assertRefused("problem.meta-learning.test-classes = 2",
        "problem.meta-learning.test-classes = 2 is too few for 3-way meta-test tasks");
    assertRefused("problem.meta-learning.test-classes = 10", "problem.meta-learning.test-classes = 10 leaves 2");
  }

  @Test
  void moreShotsAndQueriesThanAClassHoldsExit2() throws IOException {
    assertRefused("problem.meta-learning.queries = 9",
        "problem.meta-learning.shots + queries = 11 exceeds the 10 rows of class");
  }

  @Test
  void decentralizedMamlOnAnotherProblemExits2() throws IOException {
    assertRefused("problem.type = quadratic", "type = d-maml needs a problem of few-shot tasks");
  }
}
