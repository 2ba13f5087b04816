package dbo.job.grid;

import dbo.job.Cli;
import dbo.job.Main;
import dbo.job.TestConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.runtime.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted grid resumes with {@code --resume DIR}: the cells that finished are kept (not run again)
 * and the rest run, ending with exactly the metrics of an uninterrupted grid. Both grid runners: cells as
 * in-process Spark tasks, and cells in turn on the Spark runner.
 */
@LocalSpark.Own
class GridResumeTest {
  /** The small experiment, SLDBO alone for 60 iterations checkpointed every 10, on local[2]. */
  private static TestConfig grid() {
    return TestConfig.small().set("run.iterations", 60).set("run.checkpoint-every", 10).algorithms("type = sldbo")
        .set("spark.master", "local[2]");
  }

  @TempDir
  Path tmp;

  /** Stands for a driver killed at that moment: the grid stops with whatever it has saved. */
  private static final class Interrupted extends RuntimeException {}

  @Test
  void inProcessCellsAsTasks() throws Exception {
    check(grid().set("runner", "in-process")
        .append("grid { seeds = [1, 2], vary { algorithm-defaults.alpha = [0.1, 0.05] } }"), "cells done", 4);
  }

  @Test
  void sparkCellsInTurn() throws Exception {
    check(grid().set("runner", "spark").append("grid { seeds = [1, 2, 3] }"), "grid: cell 3/3", 3);
  }

  private void check(TestConfig experiment, String interruptAt, int cells) throws Exception {
    Path config = experiment.write(tmp.resolve("grid.conf"));
    ExperimentConfig cfg = ConfigLoader.load(config, List.of());
    Path killed = tmp.resolve("killed");
    Consumer<String> dies = line -> {
      if (line.contains(interruptAt)) throw new Interrupted();
    };
    GridRun first = new GridRun(Files.readString(config), cfg, List.of(), killed, false, null, List.of("grid.conf"),
        dies);
    assertThrows(Interrupted.class, first::execute);
    assertFalse(Files.exists(killed), "no result before the grid finished");
    Path partial = tmp.resolve(".killed.partial");
    assertTrue(Files.isRegularFile(partial.resolve(".resume").resolve(GridResume.FILE)), "finished cells were saved");

    String resumed = run(config.toString(), "--resume", killed.toString());
    assertTrue(resumed.contains("finished before the interruption"), resumed);
    assertFalse(Files.exists(partial), "the staging directory became the result");
    assertFalse(Files.exists(killed.resolve(".resume")));

    Path whole = tmp.resolve("whole");
    run(config.toString(), "--out", whole.toString(), "--quiet");
    List<String> expected = withoutWallTime(whole.resolve("metrics.csv"));
    assertEquals(1 + cells * 7, expected.size(), "rows of " + cells + " cells, iterations 0..60 by 10");
    assertEquals(expected, withoutWallTime(killed.resolve("metrics.csv")));
    assertEquals(Files.readAllLines(whole.resolve("summary.csv")), Files.readAllLines(killed.resolve("summary.csv")));
  }

  /** Runs the CLI, asserting success; returns what it printed on stderr (progress lines). */
  private static String run(String... args) {
    Cli.Run r = Cli.main(args);
    assertEquals(Main.EXIT_OK, r.code(), r.err());
    return r.err();
  }

  private static List<String> withoutWallTime(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    int wall = Arrays.asList(lines.get(0).split(",", -1)).indexOf("wall_s");
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      f[wall] = "";
      out.add(String.join(",", f));
    }
    return out;
  }
}
