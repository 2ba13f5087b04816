package dbo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.TestConfig;
import dbo.runtime.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor JVM killed with SIGKILL in the middle of a run: the Worker launches a new one, Spark recomputes
 * the lost partitions (shards from their spec, state from the last checkpoint) and the run ends with the
 * same numbers as an undisturbed one.
 *
 * <p>Also tagged slow: with {@link ClusterRunTest} it takes well over four minutes on a two-core machine
 * (measured 331 s alone under load), so the default {@code mvn test} leaves it out; run it with
 * {@code mvn test -Dtest='dbo.cluster.*Test' -Dexcluded.test.groups=none}.
 */
@Tag("cluster")
@Tag("slow")
@LocalSpark.Own
class ExecutorLossTest {
  static final int ITERATIONS = 120;
  static final int KILL_AT = 40;
  static final String CONFIG = TestConfig.small().set("seed", 11).set("runner", "spark")
      .set("run.iterations", ITERATIONS).set("run.log-every", 5).set("run.checkpoint-every", 10)
      .set("run.progress-seconds", 0.01).algorithms("type = sldbo").text();
  private static final Pattern PROGRESS = Pattern.compile("\\[SLDBO\\] iteration (\\d+)/");

  @TempDir
  Path tmp;

  @Test
  void killingAnExecutorMidRunChangesNothingButTheWallTime() throws Exception {
    Path config = Files.writeString(tmp.resolve("experiment.conf"), CONFIG);
    Path out = tmp.resolve("cluster-result");
    Path run = tmp.resolve("run");
    int code;
    String log;
    long killed;
    try (LocalCluster cluster = LocalCluster.start(run, config.toString(), "--out", out.toString(),
        "--set", "spark.checkpoint-dir=" + tmp.resolve("checkpoints"))) {
      assertTrue(cluster.awaitStderr(l -> {
        Matcher m = PROGRESS.matcher(l);
        return m.find() && Integer.parseInt(m.group(1)) >= KILL_AT;
      }, 480), "the run reached iteration " + KILL_AT + ":\n" + cluster.stderr());
      List<ProcessHandle> executors = cluster.executors();
      assertEquals(2, executors.size(), "one executor per worker: " + executors);
      ProcessHandle victim = executors.get(0);
      killed = victim.pid();
      assertTrue(victim.destroyForcibly(), "SIGKILL sent to executor " + killed);
      victim.onExit().get(10, TimeUnit.SECONDS);
      code = cluster.waitFor(480);
      log = cluster.stderr() + "\n" + cluster.stdout();
    }
    assertEquals(0, code, log);
    // Three executors were launched in all: the two first ones and the replacement of the killed one.
    int launched = 0;
    try (Stream<Path> logs = Files.list(run.resolve("cluster/logs"))) {
      for (Path l : logs.filter(p -> p.getFileName().toString().startsWith("worker-")).toList()) {
        launched += (int) Files.readAllLines(l).stream().filter(s -> s.contains("Asked to launch executor")).count();
      }
    }
    assertEquals(3, launched, "executors launched (killed pid " + killed + ")");

    List<String> local = Metrics.localReference(config, tmp.resolve("local-result"));
    List<String> remote = Metrics.withoutWallTime(out.resolve("metrics.csv"));
    assertEquals(1 + 1 + ITERATIONS / 5, remote.size(), "header and iterations 0, 5, ..., " + ITERATIONS);
    assertEquals(local, remote);
  }
}
