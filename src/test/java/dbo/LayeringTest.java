package dbo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: arrows point down only, and {@code algorithm}, {@code problem} and {@code topology} know
 * nothing of Spark. A source scan: no file under those packages may import (or name fully qualified in
 * code) Spark, Scala, the runtime or the job. Within the job, the packages depend in one direction only:
 * {@code output <- resume <- run <- grid <- tools, dbo.job (Main)}, with {@code config} beside them.
 */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/dbo");
  private static final List<String> LOWER = List.of("problem", "algorithm", "topology");
  /** A reference to a forbidden package, outside comments and string literals. */
  private static final Pattern FORBIDDEN = Pattern.compile("\\b(org\\.apache\\.spark|scala|dbo\\.runtime|dbo\\.job)\\.");

  @Test
  void lowerLayersKnowNothingOfSparkRuntimeOrJob() throws IOException {
    List<String> offences = new ArrayList<>();
    int files = 0;
    for (String layer : LOWER) {
      Path dir = MAIN.resolve(layer);
      assertTrue(Files.isDirectory(dir), dir + " is missing (run the test from the project root)");
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path file : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          files++;
          offences.addAll(scan(file));
        }
      }
    }
    assertTrue(files > 0, "no sources found under " + MAIN);
    assertEquals(List.of(), offences, "algorithm/, problem/ and topology/ must not depend on Spark, Scala,"
        + " dbo.runtime or dbo.job");
  }

  /**
   * The job's subpackages and the other job packages each may use (besides itself); {@code dbo.job} itself
   * (Main, InternalFailure) and {@code tools} may use them all.
   */
  private static final Map<String, List<String>> JOB_ALLOWED = new LinkedHashMap<>();

  static {
    JOB_ALLOWED.put("config", List.of());
    JOB_ALLOWED.put("output", List.of());
    JOB_ALLOWED.put("resume", List.of("output"));
    JOB_ALLOWED.put("run", List.of("output", "resume", "config"));
    JOB_ALLOWED.put("grid", List.of("run", "resume", "output", "config"));
  }

  /** A reference to a job package other than {@code allowed} (and the top package dbo.job itself). */
  private static Pattern jobOtherThan(String self, List<String> allowed) {
    List<String> ok = new ArrayList<>(allowed);
    ok.add(self);
    return Pattern.compile("\\bdbo\\.job\\.(?!(?:" + String.join("|", ok) + ")\\b)\\w+");
  }

  @Test
  void jobPackagesDependInOneDirectionOnly() throws IOException {
    List<String> offences = new ArrayList<>();
    int files = 0;
    for (Map.Entry<String, List<String>> e : JOB_ALLOWED.entrySet()) {
      Path dir = MAIN.resolve("job").resolve(e.getKey());
      assertTrue(Files.isDirectory(dir), dir + " is missing (run the test from the project root)");
      Pattern forbidden = jobOtherThan(e.getKey(), e.getValue());
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path file : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          files++;
          offences.addAll(scanLines(file.toString(), Files.readAllLines(file), forbidden));
        }
      }
    }
    assertTrue(files > 0, "no sources found under " + MAIN.resolve("job"));
    assertEquals(List.of(), offences, "dbo.job packages depend one way: output <- resume <- run <- grid <- tools/Main;"
        + " config and output use no other job package");
  }

  @Test
  void theJobScanSeesOtherJobPackagesOnly() {
    Pattern run = jobOtherThan("run", JOB_ALLOWED.get("run"));
    assertEquals(1, scanLines("x.java", List.of("import dbo.job.grid.GridRun;"), run).size());
    assertEquals(1, scanLines("x.java", List.of("import dbo.job.Main;"), run).size());
    assertEquals(1, scanLines("x.java", List.of("  dbo.job.tools.Reproduce.main(args);"), run).size());
    assertEquals(0, scanLines("x.java", List.of("import dbo.job.output.ResultDirectory;",
        "import dbo.job.resume.ResumeStore;", "import dbo.job.config.ExperimentConfig;",
        "import dbo.job.run.Manifest;", "/** {@link dbo.job.grid.GridRun} */"), run).size());
  }

  @Test
  void theScanSeesImportsAndQualifiedNamesButNotComments() {
    assertEquals(1, scanLines("x.java", List.of("import org.apache.spark.api.java.JavaRDD;")).size());
    assertEquals(1, scanLines("x.java", List.of("import scala.Tuple2;")).size());
    assertEquals(1, scanLines("x.java", List.of("import static dbo.runtime.Foo.bar;")).size());
    assertEquals(1, scanLines("x.java", List.of("  dbo.job.Main.run(args);")).size());
    assertEquals(0, scanLines("x.java", List.of("/**", " * see {@link dbo.runtime.SparkShards}", " */", "// scala.Tuple2",
        "  String s = \"dbo.job.Main\";", "/* dbo.runtime.X */ int a;", "import dbo.problem.ProblemSpec;")).size());
  }

  private static List<String> scan(Path file) throws IOException {
    return scanLines(file.toString(), Files.readAllLines(file));
  }

  private static List<String> scanLines(String name, List<String> lines) {
    return scanLines(name, lines, FORBIDDEN);
  }

  private static List<String> scanLines(String name, List<String> lines, Pattern forbidden) {
    List<String> out = new ArrayList<>();
    boolean inComment = false;
    for (int k = 0; k < lines.size(); k++) {
      StringBuilder code = new StringBuilder();
      String line = lines.get(k);
      int i = 0;
      while (i < line.length()) {
        if (inComment) {
          int end = line.indexOf("*/", i);
          if (end < 0) break;
          inComment = false;
          i = end + 2;
        } else if (line.startsWith("/*", i)) {
          inComment = true;
          i += 2;
        } else if (line.startsWith("//", i)) {
          break;
        } else if (line.charAt(i) == '"') {
          int end = i + 1;
          while (end < line.length() && line.charAt(end) != '"') end += line.charAt(end) == '\\' ? 2 : 1;
          i = end + 1;
        } else {
          code.append(line.charAt(i++));
        }
      }
      Matcher m = forbidden.matcher(code);
      if (m.find()) out.add(name + ":" + (k + 1) + ": " + line.trim());
    }
    return out;
  }
}
