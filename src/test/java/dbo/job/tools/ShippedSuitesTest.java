package dbo.job.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shipped reproducibility suite (conf/reproduce) loads, its runs' configurations load with their
 * overrides, and its stored reference covers exactly its runs and metrics: a suite CI does not run (the
 * real-data one needs jobs/fetch-data) cannot drift from its reference unnoticed.
 */
class ShippedSuitesTest {
  private static final Path SUITES = Path.of("conf/reproduce");

  @Test
  void everySuiteMatchesItsReference() throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(SUITES)) {
      names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
          .map(n -> n.substring(0, n.length() - ".conf".length())).sorted().toList();
    }
    assertTrue(names.containsAll(List.of("smoke", "sparkle-e1", "real-data")), "suites " + names);
    for (String name : names) {
      ReproduceSuite suite = ReproduceSuite.load(SUITES, name);
      for (ReproduceSuite.Run run : suite.runs()) {
        if (run.configFile() != null) {
          assertFalse(ConfigLoader.load(run.configFile(), run.overrides()).algorithms().isEmpty(), name + "/" + run.name());
        }
      }
      List<ReproduceReference.Value> values = ReproduceReference.read(ReproduceSuite.referenceFile(SUITES, name), name);
      Set<String> runs = suite.runs().stream().map(ReproduceSuite.Run::name).collect(Collectors.toCollection(TreeSet::new));
      Set<String> referenced = values.stream().map(ReproduceReference.Value::run).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(runs, referenced, name + ": runs in the suite vs runs in its reference");
      Set<String> metrics = values.stream().map(ReproduceReference.Value::metric).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(new TreeSet<>(suite.metrics()), metrics, name + ": metrics in the suite vs in its reference");
    }
  }
}
