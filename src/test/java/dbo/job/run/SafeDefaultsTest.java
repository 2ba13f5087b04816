package dbo.job.run;

import dbo.job.Cli;
import dbo.job.TestConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.runtime.LocalSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5, item 6: the job's own session setup is safe without any defaults file (no UI, loopback
 * driver on a local master) and lets the user override it; no secret Spark setting, no environment
 * variable reaches the result or the console; results are never world-writable and follow the umask
 * (the staging mask itself: {@code dbo.job.output.ResultPermissionsTest}).
 */
@LocalSpark.Own
class SafeDefaultsTest {
  private static final String CONFIG = TestConfig.plain().set("spark.master", "local[1]").text();

  @TempDir
  Path tmp;

  private ExperimentConfig config() throws IOException {
    Path file = tmp.resolve("safe.conf");
    Files.writeString(file, CONFIG);
    return ConfigLoader.load(file, List.of());
  }

  @Test
  void theSessionHasNoUiAndALoopbackDriverWithoutAnyDefaultsFile() throws IOException {
    SparkSession spark = Sessions.open(config(), null, "dbo-spark safe.conf --set x.api-token=hunter2", tmp);
    try {
      SparkConf live = spark.sparkContext().getConf();
      assertEquals("false", live.get("spark.ui.enabled"));
      assertTrue(spark.sparkContext().uiWebUrl().isEmpty(), "no UI is bound");
      assertEquals("127.0.0.1", live.get("spark.driver.host"));
      assertEquals("127.0.0.1", live.get("spark.driver.bindAddress"));
      assertEquals("dbo-spark safe.conf --set x.api-token=" + Sessions.REDACTED, live.get("spark.app.name"));
      assertEquals("2000", live.get("spark.ui.retainedTasks"), "the status store is bounded without the file too");
      assertEquals("50", live.get("spark.ui.retainedJobs"));
    } finally {
      spark.stop();
    }
  }

  @Test
  void theDefaultsFileIsSafeAndTheUserCanOverrideIt() throws IOException {
    SparkConf shipped = Sessions.conf(config(), Path.of("conf/spark-defaults.conf"), "app");
    assertEquals("false", shipped.get("spark.ui.enabled"));
    assertEquals("127.0.0.1", shipped.get("spark.driver.bindAddress"));
    // Executors get the driver's BLAS (Surefire's argLine carries jobs/lib/env.sh's netlib flags).
    assertEquals("1", shipped.get("spark.executorEnv.OPENBLAS_NUM_THREADS"));
    String executorFlags = shipped.get("spark.executor.extraJavaOptions");
    assertTrue(executorFlags.contains("-Ddev.ludovic.netlib.blas.nativeLib=libopenblas.so.0"), executorFlags);
    Path mine = tmp.resolve("mine.conf");
    Files.writeString(mine, "spark.ui.enabled true\nspark.driver.bindAddress 0.0.0.0\n");
    SparkConf overridden = Sessions.conf(config(), mine, "app");
    assertEquals("true", overridden.get("spark.ui.enabled"));
    assertEquals("0.0.0.0", overridden.get("spark.driver.bindAddress"));
    // On a cluster master the driver must stay reachable: no loopback default there.
    Path cluster = tmp.resolve("cluster.conf");
    Files.writeString(cluster, "spark.master spark://head:7077\n");
    SparkConf onCluster = Sessions.conf(config(), cluster, "app");
    assertFalse(onCluster.contains("spark.driver.host"));
    assertEquals("false", onCluster.get("spark.ui.enabled"));
    // Local files without a chmod process per file on a local master only: executors in other JVMs keep
    // Hadoop's own local file system.
    assertEquals(dbo.data.PosixLocalFileSystem.class.getName(), shipped.get("spark.hadoop.fs.file.impl"));
    assertFalse(onCluster.contains("spark.hadoop.fs.file.impl"));
  }

  @Test
  void theApplicationIsNamedAfterItsConfigAndResultUnlessSparkSubmitWasGivenAName() throws IOException {
    assertEquals("dbo-spark quickstart qs-1", Sessions.appName("", "conf/quickstart.conf", "/results/qs-1/"));
    assertEquals("dbo-spark grid sweep run", Sessions.appName("grid", "sweep.conf", "hdfs://nn:8020/results/run"));
    // spark-submit without --name names the application after the main class: that name is replaced.
    Path submitted = tmp.resolve("submitted.conf");
    Files.writeString(submitted, "spark.app.name " + Sessions.SUBMIT_DEFAULT_NAME + "\n");
    assertEquals("dbo-spark safe out", Sessions.conf(config(), submitted, "dbo-spark safe out").get("spark.app.name"));
    Files.writeString(submitted, "spark.app.name dbo.job.tools.Reproduce\n");
    assertEquals("dbo-spark safe out", Sessions.conf(config(), submitted, "dbo-spark safe out").get("spark.app.name"));
    Path named = tmp.resolve("named.conf");
    Files.writeString(named, "spark.app.name nightly-suite\n");
    assertEquals("nightly-suite", Sessions.conf(config(), named, "dbo-spark safe out").get("spark.app.name"));
  }

  @Test
  void redactsSecretLookingKeysOnly() {
    assertEquals("a --set s3.secret-key=" + Sessions.REDACTED + " --set b.PASSWORD=" + Sessions.REDACTED
        + " --set run.iterations=5 --set c.accessKey=" + Sessions.REDACTED,
        Sessions.redact("a --set s3.secret-key=x --set b.PASSWORD=y --set run.iterations=5 --set c.accessKey=z"));
  }

  @Test
  void noSecretOrEnvironmentVariableReachesTheResultOrTheConsole() throws IOException {
    Path defaults = tmp.resolve("spark-defaults.conf");
    Files.writeString(defaults, String.join("\n", "spark.ui.enabled false",
        "spark.hadoop.fs.s3a.secret.key SUPERSECRET-ONE", "spark.ssl.keyPassword SUPERSECRET-TWO",
        "spark.dbo.api.token SUPERSECRET-THREE", "spark.log.level WARN", ""));
    Path out = tmp.resolve("result");
    String console = run(tmp.resolve("safe.conf"), "--out", out.toString(), "--spark-defaults", defaults.toString());
    assertTrue(Files.isRegularFile(out.resolve("manifest.json")), console);
    List<String> suspects = new ArrayList<>(List.of("SUPERSECRET"));
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      // Long values only: a short one ("1", "C.UTF-8") could occur by chance.
      if (e.getValue().length() >= 16 && !out.toString().contains(e.getValue())) suspects.add(e.getValue());
    }
    assertFalse(console.contains("SUPERSECRET"), console);
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String s : suspects) assertFalse(text.contains(s), f + " contains " + s);
      }
    }
    // A secret given with --set is refused as an unknown key, and its value is not echoed.
    String refused = run(tmp.resolve("safe.conf"), "--out", tmp.resolve("refused").toString(),
        "--set", "spark.hadoop.fs.s3a.secret.key=SUPERSECRET-FOUR");
    assertTrue(refused.contains("is not a known key"), refused);
    assertFalse(refused.contains("SUPERSECRET"), refused);
  }

  @Test
  void resultsFollowTheUmaskAndAreNeverWorldWritable() throws Exception {
    Path out = tmp.resolve("result");
    String console = run(tmp.resolve("safe.conf"), "--out", out.toString());
    assertTrue(Files.isRegularFile(out.resolve("metrics.parquet").resolve("_SUCCESS")), console);
    Set<PosixFilePermission> allowed = PosixFilePermissions.fromString(allowedByUmask());
    try (Stream<Path> all = Files.walk(out)) {
      for (Path p : all.toList()) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        assertFalse(perms.contains(PosixFilePermission.OTHERS_WRITE), p + " is world-writable");
        assertTrue(allowed.containsAll(perms), p + " has " + PosixFilePermissions.toString(perms)
            + " beyond the umask's " + PosixFilePermissions.toString(allowed));
      }
    }
  }

  /** rwx bits 777 minus this process's umask, as a shell reports it, minus write for others. */
  private static String allowedByUmask() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "umask").start();
    int umask = Integer.parseInt(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(), 8);
    p.waitFor();
    int bits = 0777 & ~umask & ~02;
    StringBuilder s = new StringBuilder();
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) s.append((bits & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    return s.toString();
  }

  /** Runs the CLI on the test's config (written first), returning stdout and stderr together. */
  private String run(Path config, String... args) throws IOException {
    Files.writeString(config, CONFIG);
    List<String> all = new ArrayList<>(List.of(config.toString(), "--quiet"));
    all.addAll(List.of(args));
    return Cli.main(all.toArray(new String[0])).all();
  }
}
