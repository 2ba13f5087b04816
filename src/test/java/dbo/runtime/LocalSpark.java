package dbo.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A quiet embedded Spark context for tests, with a fresh checkpoint directory. */
public final class LocalSpark {
  private LocalSpark() {}

  public static JavaSparkContext start(String master) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName("dbo-test")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.showConsoleProgress", "false");
    JavaSparkContext jsc = new JavaSparkContext(conf);
    jsc.setLogLevel("WARN");
    try {
      Path dir = Files.createTempDirectory("dbo-checkpoints");
      dir.toFile().deleteOnExit();
      jsc.setCheckpointDir(dir.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return jsc;
  }
}
