package dbo.job.grid;

import dbo.job.Main;
import dbo.job.run.Experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.DataDirectory;
import dbo.data.IdxFiles;
import dbo.data.TableSource;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.job.config.HyperCleaningSettings;
import dbo.job.config.LogisticSettings;
import dbo.job.config.ProblemType;
import dbo.problem.HyperCleaningProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration the project ships (conf/*.conf but spark-defaults.conf, a Spark properties file for
 * spark-submit, and conf/experiments/*.conf) loads and builds its
 * experiments, every grid cell included, without running anything. Hyper-cleaning files get a small
 * generated data directory and sizes that fit it, logistic runs on an IDX table the same directory; every
 * other key is the file's own.
 */
class ShippedConfigsTest {
  @TempDir
  Path tmp;

  private Path smallImages() throws IOException {
    return smallImages("fashion-mnist", 2);
  }

  private Path smallImages(String name, long seed) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    int n = 200;
    byte[] pixels = new byte[n * 784];
    int[] labels = new int[n];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int p = 0; p < 784; p++) pixels[i * 784 + p] = (byte) rng.nextInt(256);
    }
    IdxFiles.writeImages(dir.resolve(DataDirectory.IMAGES), pixels, n, 28, 28, true);
    IdxFiles.writeLabels(dir.resolve(DataDirectory.LABELS), labels, true);
    return dir;
  }

  private static List<Path> shipped() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(Path.of("conf"), Path.of("conf/experiments"))) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".conf"))
            .filter(p -> !p.getFileName().toString().equals("spark-defaults.conf")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void everyShippedConfigurationBuildsItsExperiments() throws IOException {
    List<Path> files = shipped();
    assertTrue(files.stream().anyMatch(p -> p.endsWith("fmnist-cleaning.conf")), "found " + files);
    assertTrue(files.stream().anyMatch(p -> p.endsWith("fmnist-cleaning-ablation.conf")));
    assertTrue(files.stream().anyMatch(p -> p.endsWith("fmnist-cleaning-p03-ring.conf")));
    assertTrue(files.stream().anyMatch(p -> p.endsWith("fmnist-cleaning-sparkle.conf")));
    String data = smallImages().toString().replace("\\", "/");
    int built = 0;
    for (Path file : files) {
      ExperimentConfig plain = ConfigLoader.load(file, List.of());
      List<String> overrides = new ArrayList<>();
      if (plain.problem().type() == ProblemType.HYPER_CLEANING) {
        overrides.addAll(List.of("problem.hyper-cleaning.data=\"" + data + "\"", "problem.hyper-cleaning.train=120",
            "problem.hyper-cleaning.validation=40", "problem.hyper-cleaning.test=40"));
        // a shipped batch fits the real shards, not 120 samples under a skewed placement; every agent holds
        // at least one row, so batch 1 keeps the mini-batch oracles in the build
        if (plain.algorithms().stream().anyMatch(a -> a.common().batch() > 0)) overrides.add("algorithm-defaults.batch=1");
      }
      if (plain.problem().settings() instanceof LogisticSettings logistic && logistic.data().isTable()) {
        assertEquals(Optional.of(TableSource.Format.IDX), logistic.data().format(), file + ": only IDX tables are shipped");
        overrides.add("problem.logistic.data.path=\"" + data + "\"");
      }
      if (plain.problem().type() == ProblemType.META_LEARNING) {
        // two 10-class tables, as MNIST + Fashion-MNIST give, with 20 rows a class
        String other = smallImages("mnist", 3).toString().replace("\\", "/");
        overrides.addAll(List.of("problem.meta-learning.data.paths=\"" + other + "," + data + "\"",
            "problem.meta-learning.queries=5", "problem.meta-learning.test-tasks=10"));
      }
      ExperimentConfig c = ConfigLoader.load(file, overrides);
      assertFalse(c.algorithms().isEmpty(), file + " has no algorithms");
      List<GridCell> cells = c.grid().seeds().isEmpty() ? List.of(new GridCell(0, c.seed(), List.of(), overrides))
          : GridCell.expand(c.grid().seeds(), c.grid().vary(), overrides);
      String text = ConfigLoader.expandedText(file);  // what Main hands a grid
      for (GridCell cell : cells) {
        Experiment e = Experiment.of(ConfigLoader.parse(text, cell.overrides()));
        assertEquals(c.algorithms().size(), e.algorithms().size(), file + " " + cell);
        if (plain.problem().type() == ProblemType.HYPER_CLEANING) {
          assertTrue(e.problem() instanceof HyperCleaningProblem, file.toString());
          assertTrue(e.config().run().oracleBudget() > 0, file + ": the issue compares algorithms at one budget");
        }
        built++;
      }
    }
    assertTrue(built >= files.size(), "built " + built + " experiments");
  }

  /** The cleaning grid and the measured run use the same steps, sizes and budget. */
  @Test
  void theCleaningGridMatchesTheMeasuredConfiguration() {
    ExperimentConfig measured = ConfigLoader.load(Path.of("conf/experiments/fmnist-cleaning-p03-ring.conf"), List.of());
    for (String f : List.of("fmnist-cleaning.conf", "fmnist-cleaning-ablation.conf")) {
      ExperimentConfig grid = ConfigLoader.load(Path.of("conf/experiments", f), List.of());
      assertEquals(measured.run().oracleBudget(), grid.run().oracleBudget(), f);
      assertEquals(cleaning(measured).train(), cleaning(grid).train(), f);
      assertEquals(measured.algorithms().get(0).common().alpha(), grid.algorithms().get(0).common().alpha(), f);
      assertEquals(measured.algorithms().get(0).common().beta(), grid.algorithms().get(0).common().beta(), f);
    }
    assertEquals(12, measured.algorithms().size());
    assertTrue(cleaning(measured).baselines());
  }

  /**
   * The SPARKLE comparison's steps come from its sweep: the sweep must run the same methods, sizes, placement,
   * batch and budget, on seeds the comparison does not evaluate on.
   */
  @Test
  void theSparkleSweepMatchesTheComparisonOnOtherSeeds() {
    ExperimentConfig grid = ConfigLoader.load(Path.of("conf/experiments/fmnist-cleaning-sparkle.conf"), List.of());
    ExperimentConfig sweep = ConfigLoader.load(Path.of("conf/experiments/fmnist-cleaning-sparkle-sweep.conf"), List.of());
    assertEquals(grid.run().oracleBudget(), sweep.run().oracleBudget());
    assertEquals(cleaning(grid).train(), cleaning(sweep).train());
    assertEquals(cleaning(grid).placement(), cleaning(sweep).placement());
    assertEquals(grid.algorithms().stream().map(a -> a.label()).toList(),
        sweep.algorithms().stream().map(a -> a.label()).toList());
    for (int i = 0; i < grid.algorithms().size(); i++) {
      assertEquals(grid.algorithms().get(i).common().batch(), sweep.algorithms().get(i).common().batch());
    }
    assertTrue(grid.algorithms().get(0).common().batch() > 0, "the comparison uses mini-batch oracles");
    assertTrue(sweep.grid().seeds().stream().noneMatch(grid.grid().seeds()::contains),
        "sweep seeds " + sweep.grid().seeds() + " overlap the evaluation seeds " + grid.grid().seeds());
    assertEquals(List.of("problem.hyper-cleaning.corruption"), List.copyOf(grid.grid().vary().keySet()));
    assertFalse(sweep.grid().vary().containsKey("problem.hyper-cleaning.corruption"), "the sweep's vary replaces the grid's");
  }

  private static HyperCleaningSettings cleaning(ExperimentConfig c) {
    return (HyperCleaningSettings) c.problem().settings();
  }
}
