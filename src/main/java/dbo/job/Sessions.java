package dbo.job;

import dbo.job.config.ExperimentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Opens the job's Spark session: spark-submit's settings first, then the defaults file, then the config. */
final class Sessions {
  private Sessions() {}

  /**
   * @param sparkDefaults properties applied where not already set (jobs/run passes conf/spark-defaults.conf);
   *     null for none
   * @param staging the result's staging directory; checkpoints go under it unless spark.checkpoint-dir is set
   */
  static SparkSession open(ExperimentConfig config, Path sparkDefaults, String appName, Path staging) {
    SparkConf conf = new SparkConf();
    if (sparkDefaults != null) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(sparkDefaults)) {
        p.load(in);
      } catch (IOException e) {
        throw new BadInputException("cannot read --spark-defaults " + sparkDefaults + " (" + e.getMessage()
            + "); pass a readable properties file");
      }
      for (String k : p.stringPropertyNames()) conf.setIfMissing(k, p.getProperty(k).trim());
    }
    // spark-submit sets the master; on our own we take the configuration's (local[*] by default).
    conf.setIfMissing("spark.master", config.spark().master());
    conf.setIfMissing("spark.app.name", appName);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    String dir = config.spark().checkpointDir();
    spark.sparkContext().setCheckpointDir(dir.isEmpty() ? staging.resolve(".checkpoints").toString() : dir);
    return spark;
  }
}
