package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.runtime.LocalSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver killed with SIGKILL mid-run loses time, never results: {@code --resume DIR} continues from the
 * last checkpoint and ends with exactly the metrics of an uninterrupted run.
 */
@LocalSpark.Own
class DriverResumeTest {
  /** The small experiment with seed 3 on Spark (local[2]), 150 iterations checkpointed every 10. */
  private static TestConfig experiment() {
    return TestConfig.small().set("seed", 3).set("runner", "spark").set("spark.master", "local[2]")
        .set("run.iterations", 150).set("run.checkpoint-every", 10).set("run.progress-seconds", 0.01)
        .algorithms("type = s3ldbo, p = 0.5", "type = sparkle-ed");
  }

  @TempDir
  Path tmp;

  @Test
  void aKilledDriverResumesToTheSameBits() throws Exception {
    Path config = tmp.resolve("resume.conf");
    experiment().write(config);
    Path killed = tmp.resolve("killed");

    // Kill once the second algorithm is under way, after several checkpoints.
    KilledDriver.killAt(config, killed.toString(), "[SPARKLE-ED] iteration ", 40, 240);
    assertFalse(Files.exists(killed), "no result before the run finished");
    Path partial = tmp.resolve(".killed.partial");
    assertTrue(Files.isRegularFile(partial.resolve(".resume/progress.bin")), "a checkpoint was saved");

    assertEquals(0, Main.execute(config.toString(), "--resume", killed.toString(), "--quiet"));
    assertFalse(Files.exists(partial), "the staging directory became the result");
    assertFalse(Files.exists(killed.resolve(".resume")));

    Path whole = tmp.resolve("whole");
    assertEquals(0, Main.execute(config.toString(), "--out", whole.toString(), "--quiet"));
    assertEquals(withoutWallTime(whole.resolve("metrics.csv")), withoutWallTime(killed.resolve("metrics.csv")));
  }

  @Test
  void resumingWithAnotherConfigurationIsRefused() throws Exception {
    Path config = tmp.resolve("resume.conf");
    experiment().set("runner", "in-process").set("run.iterations", 100000).write(config);
    Path killed = tmp.resolve("killed");
    KilledDriver.killAt(config, killed.toString(), "[S3LDBO(p=0.5)] iteration ", 2000, 240);
    int code = Main.execute(config.toString(), "--resume", killed.toString(), "--set", "seed=4", "--quiet");
    assertEquals(Main.EXIT_BAD_INPUT, code);
    assertTrue(Files.isRegularFile(tmp.resolve(".killed.partial/.resume/progress.bin")), "the checkpoint is kept");
    // Without --resume, the interrupted run is not silently overwritten either.
    assertEquals(Main.EXIT_BAD_INPUT, Main.execute(config.toString(), "--out", killed.toString(), "--quiet"));
  }

  private static List<String> withoutWallTime(Path csv) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      String[] f = line.split(",", -1);
      f[2] = "";
      out.add(String.join(",", f));
    }
    return out;
  }
}
