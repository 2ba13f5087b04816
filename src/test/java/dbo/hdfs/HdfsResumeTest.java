package dbo.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.Main;
import dbo.job.TestConfig;
import dbo.job.output.ResultDirectory;
import dbo.runtime.LocalSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver killed with SIGKILL while writing its result, Spark checkpoints and resume files to HDFS is
 * continued by another driver process with {@code --resume hdfs://...}, which finds everything it needs on
 * HDFS (its predecessor's local working copy is deleted first, as on another machine) and ends with the
 * metrics of an uninterrupted local run, bit for bit. As DriverResumeTest, on HDFS; slow (two drivers and
 * a reference run).
 */
@Tag("slow")
@LocalSpark.Own
class HdfsResumeTest {
  @TempDir
  static Path shared;
  private static MiniHdfs hdfs;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startHdfs() throws IOException {
    hdfs = MiniHdfs.start(shared.resolve("hdfs"));
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) hdfs.close();
  }

  @Test
  void aKilledDriverResumesFromHdfsToTheSameBits() throws Exception {
    Path config = tmp.resolve("resume.conf");
    TestConfig.small().set("seed", 3).set("runner", "spark").set("spark.master", "local[2]")
        .set("run.iterations", 150).set("run.checkpoint-every", 10).set("run.progress-seconds", 0.01)
        .algorithms("type = s3ldbo, p = 0.5", "type = sparkle-ed").write(config);
    String killed = hdfs.uri("/results/killed");

    dbo.job.KilledDriver.killAt(config, killed, "[SPARKLE-ED] iteration ", 40, 300);
    assertFalse(hdfs.exists("/results/killed"), "no result before the run finished");
    assertTrue(hdfs.exists("/results/.killed.partial/.resume/progress.bin"), "the checkpoint is on HDFS");
    assertTrue(hdfs.fs().listStatus(new org.apache.hadoop.fs.Path("/results/.killed.partial/.resume")).length >= 2,
        "with the agents' states");
    // The killed driver's local working copy is of no use to the next one (which may run on another machine).
    ResultDirectory.deleteTree(Path.of(System.getProperty("java.io.tmpdir"), "dbo-spark-remote"));

    assertEquals(0, Main.execute(config.toString(), "--resume", killed, "--quiet"));
    assertFalse(hdfs.exists("/results/.killed.partial"), "the staging directory became the result");
    assertFalse(hdfs.exists("/results/killed/.resume"));

    Path whole = tmp.resolve("whole");
    assertEquals(0, Main.execute(config.toString(), "--out", whole.toString(), "--quiet"));
    assertEquals(withoutWallTime(Files.readString(whole.resolve("metrics.csv"))),
        withoutWallTime(read("/results/killed/metrics.csv")));
  }

  private static String read(String path) throws IOException {
    try (var in = hdfs.fs().open(new org.apache.hadoop.fs.Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> withoutWallTime(String csv) {
    List<String> out = new ArrayList<>();
    for (String line : csv.split("\n")) {
      String[] f = line.split(",", -1);
      f[2] = "";
      out.add(String.join(",", f));
    }
    return out;
  }
}
