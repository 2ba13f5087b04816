package dbo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.TestConfig;
import dbo.runtime.LocalSpark;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.io.ZStdCompressionCodec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 4 and 5: {@code jobs/submit} against a Spark distribution's layout, with event logs on.
 *
 * <p>No distribution can be downloaded where the tests run, so the test makes one: {@code SPARK_HOME/jars}
 * holds Spark and its dependencies (the test class path without the jars the application jar carries and
 * without the test libraries), {@code bin/spark-submit} is {@code jobs/lib/spark-submit} (Spark's own launcher
 * library builds the driver's command from the distribution's {@code conf/spark-defaults.conf}), and the
 * application jar holds the job's classes plus the libraries the shade plugin puts in it. That home's
 * {@code spark-defaults.conf} turns the event log on, which the project's own defaults file turns off: the
 * distribution's settings must win. The run must give the same metrics as the run on embedded Spark, and
 * its event log, read with Spark's codec, must name the application after the config and the result.
 */
@Tag("cluster")
@LocalSpark.Own
class SubmitTest {
  static final String CONFIG = TestConfig.small().set("seed", 11).set("runner", "spark").set("run.iterations", 10)
      .set("run.log-every", 5).set("run.checkpoint-every", 5).text();
  /** What the shade plugin puts in the application jar besides our classes (pom.xml: compile scope). */
  static final List<String> SHADED = List.of("/com/typesafe/config/", "/info/picocli/", "/org/knowm/xchart/");
  /** Test libraries: in no Spark distribution. */
  static final List<String> TEST_ONLY = List.of("/org/junit/", "/org/opentest4j/", "/org/apiguardian/");

  @TempDir
  Path tmp;

  @Test
  void submitsThroughADistributionLayoutWithEventLogs() throws Exception {
    Path config = Files.writeString(tmp.resolve("experiment.conf"), CONFIG);
    Path home = sparkHome(tmp.resolve("spark-home"));
    Path events = Files.createDirectories(tmp.resolve("events"));
    Files.writeString(home.resolve("conf/spark-defaults.conf"),
        "spark.eventLog.enabled true\nspark.eventLog.dir " + events.toUri() + "\n");
    Path out = tmp.resolve("submit-result");

    Run run = submit(home, "--master", "local[2]", config.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, run.code, run.log);
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertTrue(manifest.contains("\"runner\" : \"spark(local[2])\""), manifest);
    assertEquals(Metrics.localReference(config, tmp.resolve("local-result")),
        Metrics.withoutWallTime(out.resolve("metrics.csv")), "bit for bit the embedded run's metrics");

    List<String> log = eventLog(events);
    String start = log.stream().filter(l -> l.contains("\"Event\":\"SparkListenerApplicationStart\"")).findFirst()
        .orElseThrow(() -> new AssertionError("no SparkListenerApplicationStart in " + events));
    assertTrue(start.contains("\"App Name\":\"dbo-spark experiment submit-result\""), start);
    String environment = log.stream().filter(l -> l.contains("\"Event\":\"SparkListenerEnvironmentUpdate\""))
        .findFirst().orElseThrow();
    // The project's defaults still apply where the distribution's file is silent.
    assertTrue(environment.contains("\"spark.ui.enabled\":\"false\""), "the UI stays off");
    assertTrue(environment.contains("\"spark.ui.retainedTasks\":\"2000\""), "the project's defaults apply");
  }

  /** Spark's event log of the one application written to {@code dir}, one JSON event a line. */
  static List<String> eventLog(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir)) {
      files = all.filter(p -> p.getFileName().toString().startsWith("events_")).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no event log file under " + dir);
    List<String> lines = new ArrayList<>();
    for (Path f : files) {
      InputStream raw = Files.newInputStream(f);
      InputStream in = f.toString().endsWith(".zstd")
          ? new ZStdCompressionCodec(new SparkConf()).compressedInputStream(raw) : raw;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        r.lines().forEach(lines::add);
      }
    }
    return lines;
  }

  /** A SPARK_HOME laid out like a distribution's (jobs/lib/spark-home.sh) from the test class path. */
  static Path sparkHome(Path home) throws IOException, InterruptedException {
    List<String> jars = new ArrayList<>();
    for (String jar : LocalCluster.dependencyClassPath().split(File.pathSeparator)) {
      if (Stream.concat(SHADED.stream(), TEST_ONLY.stream()).noneMatch(jar::contains)) jars.add(jar);
    }
    Process p = new ProcessBuilder("bash", "-c", "source jobs/lib/spark-home.sh && dbo_spark_home \"$1\" \"$2\"",
        "spark-home", home.toString(), String.join(File.pathSeparator, jars))
        .directory(LocalCluster.projectRoot().toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    assertTrue(Files.isExecutable(home.resolve("bin/spark-submit")));
    return home;
  }

  /** The application jar as the shade plugin makes it: the job's classes plus the {@link #SHADED} libraries. */
  static Path appJar(Path jar) throws IOException {
    Path classes = LocalCluster.projectRoot().resolve("target/classes");
    Set<String> seen = new HashSet<>();
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
        seen.add(name);
        out.putNextEntry(new JarEntry(name));
        Files.copy(f, out);
        out.closeEntry();
      }
      for (String dep : LocalCluster.dependencyClassPath().split(File.pathSeparator)) {
        if (SHADED.stream().noneMatch(dep::contains)) continue;
        try (JarFile in = new JarFile(dep)) {
          for (JarEntry e : (Iterable<JarEntry>) in.stream()::iterator) {
            String name = e.getName();
            if (e.isDirectory() || name.startsWith("META-INF/") || name.endsWith("module-info.class")
                || !seen.add(name)) {
              continue;
            }
            out.putNextEntry(new JarEntry(name));
            in.getInputStream(e).transferTo(out);
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }

  record Run(int code, String log) {}

  /** Runs {@code jobs/submit ARGS...} with SPARK_HOME = {@code home}, as a user would. */
  Run submit(Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(LocalCluster.projectRoot().resolve("jobs/submit").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(LocalCluster.projectRoot().toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("submit.log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().remove("SPARK_CONF_DIR");
    pb.environment().put("DBO_APP_JAR", appJar(tmp.resolve("dbo-spark-app.jar")).toString());
    Process p = pb.start();
    if (!p.waitFor(480, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Run(-1, "timed out: " + Files.readString(tmp.resolve("submit.log")));
    }
    return new Run(p.exitValue(), Files.readString(tmp.resolve("submit.log")));
  }
}
