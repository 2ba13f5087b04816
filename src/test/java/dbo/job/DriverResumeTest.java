package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.runtime.LocalSpark;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    killDriverAt(config, killed, "[SPARKLE-ED] iteration ", 40);
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
    killDriverAt(config, killed, "[S3LDBO(p=0.5)] iteration ", 2000);
    int code = Main.execute(config.toString(), "--resume", killed.toString(), "--set", "seed=4", "--quiet");
    assertEquals(Main.EXIT_BAD_INPUT, code);
    assertTrue(Files.isRegularFile(tmp.resolve(".killed.partial/.resume/progress.bin")), "the checkpoint is kept");
    // Without --resume, the interrupted run is not silently overwritten either.
    assertEquals(Main.EXIT_BAD_INPUT, Main.execute(config.toString(), "--out", killed.toString(), "--quiet"));
  }

  /** Runs the CLI in its own process and kills it once it printed "PREFIX k/K" with k >= minimum. */
  private static void killDriverAt(Path config, Path out, String prefix, long minimum) throws Exception {
    Process driver = startDriver(config, out);
    try {
      waitForIteration(driver, prefix, minimum, 240);
    } finally {
      driver.destroyForcibly();
      driver.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The same Java, flags and class path as this test, running the CLI in its own process. */
  private static Process startDriver(Path config, Path out) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-XX:+IgnoreUnrecognized") || arg.startsWith("-Dio.netty")
          || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Xss")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dbo.job.Main");
    cmd.add(config.toString());
    cmd.add("--out");
    cmd.add(out.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path").replace(" ", File.pathSeparator));
    return pb.start();
  }

  /** Waits for a progress line "PREFIX k/K" with k >= minimum. */
  private static void waitForIteration(Process p, String prefix, long minimum, int seconds) throws IOException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    StringBuilder seen = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
        seen.append(line).append('\n');
        int at = line.indexOf(prefix);
        if (at >= 0) {
          String rest = line.substring(at + prefix.length());
          long k = Long.parseLong(rest.substring(0, rest.indexOf('/')));
          if (k >= minimum) return;
        }
      }
    }
    throw new AssertionError("the driver never printed '" + prefix + minimum + "' or later; it printed:\n" + seen);
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
