package dbo.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Runs {@code jobs/cluster} (a standalone Master, two Workers and the submitted driver, all on 127.0.0.1) as
 * a child process, the way a user runs it, and makes sure nothing it started outlives {@link #close()}.
 *
 * <p>The script is given the test class path (Spark, Scala, the job's dependencies) and an application jar
 * made from {@code target/classes}, so it needs no {@code mvn package} while the tests run.
 */
final class LocalCluster implements AutoCloseable {
  private final Process process;
  private final List<ProcessHandle> started = Collections.synchronizedList(new ArrayList<>());
  private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
  private final StringBuilder stdout = new StringBuilder();
  private final Thread errReader;
  private final Thread outReader;

  private LocalCluster(Process process) {
    this.process = process;
    errReader = pump(process.getErrorStream(), line -> {
      stderr.add(line);
      rememberDescendants();
      return true;
    });
    outReader = pump(process.getInputStream(), line -> {
      synchronized (stdout) {
        stdout.append(line).append('\n');
      }
      return true;
    });
  }

  /**
   * Starts {@code jobs/cluster ARGS...} with its logs, SPARK_HOME and worker directories under {@code dir}.
   */
  static LocalCluster start(Path dir, String... args) throws IOException {
    Path root = projectRoot();
    Files.createDirectories(dir);
    Path appJar = appJar(root.resolve("target/classes"), dir.resolve("dbo-spark-test-app.jar"));
    List<String> command = new ArrayList<>();
    command.add(root.resolve("jobs/cluster").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    pb.environment().put("DBO_CLUSTER_DIR", dir.resolve("cluster").toString());
    pb.environment().put("DBO_CLUSTER_CLASSPATH", dependencyClassPath());
    pb.environment().put("DBO_CLUSTER_APP_JAR", appJar.toString());
    pb.environment().put("DBO_CLUSTER_WORKER_MEMORY", "1g");
    pb.environment().put("DBO_CLUSTER_EXECUTOR_MEMORY", "512m");
    pb.environment().remove("SPARK_HOME");
    return new LocalCluster(pb.start());
  }

  /** Waits for the script to end and returns its exit code; -1 on timeout. */
  int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) return -1;
    errReader.join(5000);
    outReader.join(5000);
    return process.exitValue();
  }

  /** Waits until a line of the job's stderr satisfies {@code test}; false on timeout or when the job ended. */
  boolean awaitStderr(Predicate<String> test, long seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int seen = 0;
    while (System.nanoTime() < end) {
      List<String> copy;
      synchronized (stderr) {
        copy = new ArrayList<>(stderr.subList(seen, stderr.size()));
      }
      for (String l : copy) if (test.test(l)) return true;
      seen += copy.size();
      if (!process.isAlive()) return false;
      Thread.sleep(50);
    }
    return false;
  }

  /** The executor JVMs the Workers of this cluster launched, live now. */
  List<ProcessHandle> executors() {
    rememberDescendants();
    return process.descendants()
        .filter(p -> commandLine(p).contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")).toList();
  }

  String stderr() {
    synchronized (stderr) {
      return String.join("\n", stderr);
    }
  }

  String stdout() {
    synchronized (stdout) {
      return stdout.toString();
    }
  }

  /**
   * Stops the script (its trap stops the daemons, which stop their executors), then kills whatever this
   * cluster started that is still alive.
   */
  @Override
  public void close() throws InterruptedException {
    rememberDescendants();
    if (process.isAlive()) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    process.destroyForcibly();
    List<ProcessHandle> all;
    synchronized (started) {
      all = new ArrayList<>(started);
    }
    for (ProcessHandle p : all) p.destroyForcibly();
    for (ProcessHandle p : all) p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
  }

  private void rememberDescendants() {
    process.descendants().forEach(p -> {
      synchronized (started) {
        if (!started.contains(p)) started.add(p);
      }
    });
  }

  static String commandLine(ProcessHandle p) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      Optional<String> cl = p.info().commandLine();
      return cl.orElse("");
    }
  }

  private static Thread pump(java.io.InputStream in, Predicate<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) sink.test(line);
      } catch (IOException ignored) {
        // the process ended
      }
    }, "local-cluster-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }

  static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("jobs/cluster"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("cannot find jobs/cluster above " + Path.of("").toAbsolutePath());
    return p;
  }

  /**
   * The test class path without the project's own classes (they travel in the application jar, as on a
   * real cluster). Surefire runs tests from a manifest-only jar; it publishes the real path separately.
   */
  static String dependencyClassPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> out = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      // The test HDFS (NameNode and DataNode server classes) runs in the test JVM only.
      if (e.endsWith(".jar") && !e.contains("surefire") && !e.contains("hadoop-client-minicluster")) out.add(e);
    }
    return String.join(File.pathSeparator, out);
  }

  /** A jar of the compiled job classes (the thin application jar; its dependencies are on the class path). */
  static Path appJar(Path classes, Path jar) throws IOException {
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
