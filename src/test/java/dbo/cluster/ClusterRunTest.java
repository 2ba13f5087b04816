package dbo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.TestConfig;
import dbo.runtime.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/cluster on a two-worker standalone cluster gives the same numbers as embedded Spark. */
@Tag("cluster")
@LocalSpark.Own
class ClusterRunTest {
  static final String CONFIG = TestConfig.small().set("seed", 7).set("runner", "spark").set("run.log-every", 5)
      .set("run.checkpoint-every", 5).set("run.progress-seconds", 0.01).text();

  @TempDir
  Path tmp;

  @Test
  void aTwoWorkerClusterRunIsBitIdenticalToTheLocalRun() throws Exception {
    Path config = Files.writeString(tmp.resolve("experiment.conf"), CONFIG);
    Path out = tmp.resolve("cluster-result");
    int code;
    String log;
    try (LocalCluster cluster = LocalCluster.start(tmp.resolve("run"), config.toString(), "--out", out.toString(),
        "--set", "spark.checkpoint-dir=" + tmp.resolve("checkpoints"))) {
      code = cluster.waitFor(480);
      log = cluster.stderr() + "\n" + cluster.stdout();
    }
    assertEquals(0, code, log);
    assertTrue(log.contains("starting on spark(spark://127.0.0.1:"), "ran on the standalone master: " + log);
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"spark(spark://127.0.0.1:"),
        "the manifest records the cluster runner");

    List<String> local = Metrics.localReference(config, tmp.resolve("local-result"));
    List<String> remote = Metrics.withoutWallTime(out.resolve("metrics.csv"));
    assertEquals(1 + 2 * 7, remote.size(), "iterations 0, 5, ..., 30 for each algorithm");
    assertEquals(local, remote);
  }
}
