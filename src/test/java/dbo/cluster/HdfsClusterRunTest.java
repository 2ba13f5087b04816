package dbo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.DataDirectory;
import dbo.data.DataPublish;
import dbo.data.IdxFiles;
import dbo.hdfs.MiniHdfs;
import dbo.runtime.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/cluster (a standalone master and two workers, each its own JVM on 127.0.0.1) runs hyper-cleaning with
 * its data, Spark checkpoints and result on one HDFS ({@link MiniHdfs}, in the test's JVM): the executors read
 * the IDX files from HDFS themselves, and the result equals embedded Spark's on local files bit for bit.
 */
@Tag("cluster")
@Tag("slow")
@LocalSpark.Own
class HdfsClusterRunTest {
  @TempDir
  Path tmp;

  @Test
  void aTwoWorkerClusterReadsFromAndWritesToHdfs() throws Exception {
    try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs"))) {
      Path data = smallImages(tmp.resolve("fashion-mnist"));
      DataPublish.publish(data, hdfs.uri("/data/fashion-mnist"));
      String template = """
          runner = spark
          problem { type = hyper-cleaning, agents = 2
                    hyper-cleaning { data = "%s", corruption = 0.3, train = 200, validation = 50, test = 50 } }
          topology.type = ring
          run { iterations = 10, log-every = 5, checkpoint-every = 5, progress-seconds = 0.01 }
          algorithms = [ { type = sldbo } ]
          """;
      Path remoteConfig = Files.writeString(tmp.resolve("hdfs.conf"), template.formatted(hdfs.uri("/data/fashion-mnist")));
      String out = hdfs.uri("/results/cluster");
      int code;
      String log;
      try (LocalCluster cluster = LocalCluster.start(tmp.resolve("run"), remoteConfig.toString(), "--out", out,
          "--set", "spark.checkpoint-dir=" + hdfs.uri("/checkpoints"))) {
        code = cluster.waitFor(400);
        log = cluster.stderr() + "\n" + cluster.stdout();
      }
      assertEquals(0, code, log);
      assertTrue(log.contains("starting on spark(spark://127.0.0.1:"), "ran on the standalone master: " + log);
      assertFalse(hdfs.exists("/results/.cluster.partial"));
      assertTrue(hdfs.fs().listStatus(new org.apache.hadoop.fs.Path("/checkpoints")).length > 0);
      String csv;
      try (var in = hdfs.fs().open(new org.apache.hadoop.fs.Path("/results/cluster/metrics.csv"))) {
        csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Path fetched = Files.writeString(tmp.resolve("cluster-metrics.csv"), csv);

      Path localConfig = Files.writeString(tmp.resolve("local.conf"), template.formatted(data.toString()));
      List<String> local = Metrics.localReference(localConfig, tmp.resolve("local-result"));
      assertEquals(local, Metrics.withoutWallTime(fetched));
    }
  }

  /** 300 gzip IDX images, each class lighting its own band of rows. */
  private static Path smallImages(Path dir) throws java.io.IOException {
    Files.createDirectories(dir);
    int n = 300;
    byte[] pixels = new byte[n * 784];
    int[] labels = new int[n];
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int p = 0; p < 784; p++) {
        pixels[i * 784 + p] = (byte) Math.min(255, ((p / 28) / 3 == labels[i] ? 200 : 0) + rng.nextInt(40));
      }
    }
    IdxFiles.writeImages(dir.resolve(DataDirectory.IMAGES), pixels, n, 28, 28, true);
    IdxFiles.writeLabels(dir.resolve(DataDirectory.LABELS), labels, true);
    return dir;
  }
}
