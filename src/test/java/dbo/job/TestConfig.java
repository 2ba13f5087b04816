package dbo.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The small experiment the job tests run, as HOCON text that each test customises:
 *
 * <pre>{@code
 * TestConfig.small().set("seed", 7).set("runner", "spark").set("spark.master", "local[2]")
 *     .set("run.checkpoint-every", 4).text()
 * }</pre>
 *
 * {@link #small()} is 4 agents on a ring, the quadratic problem (3 x 4, rho 1, 20 samples) with severe
 * heterogeneity, steps alpha 0.1, beta = gamma 0.05, SLDBO and S3LDBO(p = 0.5) for 30 iterations logged every
 * 10; no seed, runner or master unless a test sets them. The text has one {@code path = value} line a key
 * (HOCON merges dotted paths as it merges nested blocks), in the order the keys were first set, then
 * whatever {@link #append} added.
 */
public final class TestConfig {
  private static final Pattern BARE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> appended = new ArrayList<>();

  private TestConfig() {}

  /** The small experiment described above. */
  public static TestConfig small() {
    return new TestConfig()
        .set("problem.type", "quadratic").set("problem.agents", 4).set("problem.heterogeneity", "severe")
        .set("problem.quadratic.dim-x", 3).set("problem.quadratic.dim-y", 4).set("problem.quadratic.rho", 1.0)
        .set("problem.quadratic.samples", 20)
        .set("topology.type", "ring")
        .set("run.iterations", 30).set("run.log-every", 10)
        .set("algorithm-defaults.alpha", 0.1).set("algorithm-defaults.beta", 0.05)
        .set("algorithm-defaults.gamma", 0.05)
        .algorithms("type = sldbo", "type = s3ldbo, p = 0.5");
  }

  /**
   * {@link #small()} with the job's default heterogeneity and steps, SLDBO alone for 20 iterations, in process:
   * for tests about the job around the run rather than the run.
   */
  public static TestConfig plain() {
    return small().unset("problem.heterogeneity").unset("algorithm-defaults").set("run.iterations", 20)
        .algorithms("type = sldbo").set("runner", "in-process");
  }

  /**
   * Sets {@code path} (dotted) to a number, boolean or string (written bare when it is a plain word such as
   * {@code in-process}, quoted otherwise); a key already set keeps its place.
   */
  public TestConfig set(String path, Object value) {
    values.put(path, value instanceof String s && !BARE.matcher(s).matches() ? quote(s) : String.valueOf(value));
    return this;
  }

  /** The algorithms, one HOCON object body each, e.g. {@code "type = s3ldbo, p = 0.5"}. */
  public TestConfig algorithms(String... bodies) {
    values.put("algorithms", "[ " + String.join(", ", java.util.Arrays.stream(bodies).map(b -> "{ " + b + " }")
        .toList()) + " ]");
    return this;
  }

  /** Removes {@code path} and every key under it, so that the job's default applies (or another block can). */
  public TestConfig unset(String path) {
    values.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "."));
    return this;
  }

  /** HOCON written after the keys, as it is: a block, or a line that is meant to be wrong. */
  public TestConfig append(String hocon) {
    appended.add(hocon);
    return this;
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    for (String a : appended) sb.append(a).append(a.endsWith("\n") ? "" : "\n");
    return sb.toString();
  }

  /** Writes {@link #text()} to {@code file} and returns it. */
  public Path write(Path file) {
    try {
      return Files.writeString(file, text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public String toString() {
    return text();
  }
}
