package dbo.job;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI ({@link Main}) run in a process of its own and killed mid-run, for the tests of {@code --resume}
 * after a driver's death (local results and checkpoints in {@code DriverResumeTest}, HDFS ones in
 * {@code HdfsResumeTest}).
 */
public final class KilledDriver {
  private KilledDriver() {}

  /**
   * Runs {@code CONFIG --out OUT} in its own process and kills it once it printed "PREFIX k/K" with
   * k >= {@code minimum}, waiting at most {@code seconds} for that line.
   */
  public static void killAt(Path config, String out, String prefix, long minimum, int seconds) throws Exception {
    Process driver = start(config, out);
    try {
      waitForIteration(driver, prefix, minimum, seconds);
    } finally {
      driver.destroyForcibly();
      driver.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The same Java, flags and class path as the test, running the CLI in its own process. */
  private static Process start(Path config, String out) throws IOException {
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
    cmd.add(out);
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
}
