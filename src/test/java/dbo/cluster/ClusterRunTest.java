package dbo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  static final String CONFIG = """
      seed = 7
      runner = spark
      problem { type = quadratic, agents = 4, heterogeneity = severe
                quadratic { dim-x = 3, dim-y = 4, rho = 1.0, samples = 20 } }
      topology { type = ring }
      run { iterations = 30, log-every = 5, checkpoint-every = 5, progress-seconds = 0.01 }
      algorithm-defaults { alpha = 0.1, beta = 0.05, gamma = 0.05 }
      algorithms = [ { type = sldbo }, { type = s3ldbo, p = 0.5 } ]
      """;

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
      code = cluster.waitFor(240);
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
