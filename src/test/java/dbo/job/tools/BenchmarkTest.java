package dbo.job.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.TestConfig;
import dbo.runtime.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/benchmark --config}: a few iterations of the small test experiment on both runners print the
 * lines that scripts parse (medians and ratio). Not timed: only the shape of the output is checked. The
 * mode opens its Spark session as a run does, so the class owns its context.
 */
@LocalSpark.Own
class BenchmarkTest {
  private static final Pattern IN_PROCESS = Pattern.compile("(?m)^in-process: median (\\d+\\.\\d+) ms per iteration");
  private static final Pattern SPARK = Pattern.compile("(?m)^spark local\\[2\\]: median (\\d+\\.\\d+) ms per iteration");
  private static final Pattern RATIO = Pattern.compile("(?m)^ratio spark / in-process: (\\d+\\.\\d+)$");
  private static final Pattern TASK_STATS = Pattern.compile("(?m)^spark tasks: (\\d+) jobs .*, (\\d+) tasks: run");
  /** TestConfig.small()'s agents. */
  private static final int AGENTS = 4;

  @TempDir
  Path tmp;

  private record Outcome(int code, String out) {}

  private Outcome run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      code = Benchmark.execute(args);
    } finally {
      System.setOut(saved);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    saved.print(out);
    return new Outcome(code, out);
  }

  private Path config() throws IOException {
    Path file = tmp.resolve("small.conf");
    Files.writeString(file, TestConfig.small().text());
    return file;
  }

  private static double number(Pattern p, String out) {
    Matcher m = p.matcher(out);
    assertTrue(m.find(), "no line matching " + p + " in:\n" + out);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void configModePrintsBothMediansAndTheirRatio() throws IOException {
    Outcome o = run("--config", config().toString(), "--iterations", "4", "--block", "2", "--warmup", "2",
        "--algorithm", "1", "--set", "run.checkpoint-every=3", "--task-stats");
    assertEquals(0, o.code());
    // Warm-up and timed iterations, one job each (one round), plus the summaries, reports and checkpoints: at
    // least 6 jobs of one task per agent.
    Matcher stats = TASK_STATS.matcher(o.out());
    assertTrue(stats.find(), o.out());
    assertTrue(Long.parseLong(stats.group(1)) >= 6 && Long.parseLong(stats.group(2)) >= 6 * AGENTS, o.out());
    assertTrue(o.out().contains("algorithm 1 of 2: S3LDBO(p=0.5)"), o.out());
    assertTrue(o.out().contains("4 timed iterations in blocks of 2 after 2 warm-up"), o.out());
    double inProcess = number(IN_PROCESS, o.out());
    double spark = number(SPARK, o.out());
    double ratio = number(RATIO, o.out());
    assertTrue(inProcess > 0 && spark > 0 && ratio > 0, o.out());
    // The medians are printed to 0.001 ms and the ratio to 0.1; an in-process median of a few microseconds
    // (0.007 ms printed) leaves the quotient of the printed medians uncertain by several percent, so the
    // ratio must lie within the quotient's interval, not within a fixed percentage of it.
    double half = 0.0005;
    double low = (spark - half) / (inProcess + half) - 0.05;
    double high = (spark + half) / (inProcess - half) + 0.05;
    assertTrue(ratio >= low && ratio <= high,
        "ratio " + ratio + " outside [" + low + ", " + high + "] of the printed medians:\n" + o.out());
  }

  @Test
  void oneRunnerPrintsItsMedianAndNoRatio() throws IOException {
    Outcome o = run("--config", config().toString(), "--iterations", "2", "--block", "2", "--warmup", "0",
        "--runner", "in-process");
    assertEquals(0, o.code());
    assertTrue(o.out().contains("algorithm 0 of 2: SLDBO"), o.out());
    number(IN_PROCESS, o.out());
    assertTrue(!SPARK.matcher(o.out()).find() && !RATIO.matcher(o.out()).find(), o.out());
  }

  @Test
  void badOptionsExitTwo() throws IOException {
    assertEquals(2, run("--config", config().toString(), "--runner", "nowhere").code());
    assertEquals(2, run("--config", config().toString(), "--runner", "in-process", "--algorithm", "MDBO").code());
    assertEquals(2, run("--config", config().toString(), "16").code());
  }
}
