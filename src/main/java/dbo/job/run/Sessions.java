package dbo.job.run;

import dbo.data.Storage;
import dbo.job.output.BadInputException;
import dbo.job.output.RemoteResult;
import dbo.job.config.ExperimentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the job's Spark session: spark-submit's settings first, then the defaults file, then the config,
 * then safe defaults for whatever is still unset, so that a run started without conf/spark-defaults.conf
 * (a test, an IDE, spark-submit without --properties-file) is as safe as one started by jobs/run:
 *
 * <ul>
 *   <li>{@code spark.ui.enabled = false}: no web UI, whose port would be open on every interface (Spark
 *       binds it to 0.0.0.0) and which shows every setting and the command line;</li>
 *   <li>on a {@code local} master, the driver binds and advertises 127.0.0.1, so nothing listens on the
 *       network (on a cluster the executors must reach the driver, so Spark's choice stands);</li>
 *   <li>the application name, which Spark logs and cluster managers and the history server show, is
 *       {@code dbo-spark CONFIG RESULT} ({@link #appName}), with the value of any secret-looking key
 *       ({@link #SECRET_KEY}) replaced by {@value #REDACTED}; spark-submit's own default, the main class
 *       (dbo.job.Main, dbo.job.tools.Reproduce), is replaced too (a {@code --name} given to spark-submit stands).</li>
 *   <li>Spark's status store keeps at most 50 jobs, 50 stages and 2,000 tasks ({@link #STATUS_STORE_BOUNDS}):
 *       it keeps them for the UI even when the UI is off, and with Spark's defaults (1,000 / 1,000 / 100,000)
 *       a 256-agent run grows the driver heap by 0.22 MB per iteration (measured with jobs/soak).</li>
 *   <li>{@code spark.executorEnv.OPENBLAS_NUM_THREADS = 1}, and {@code spark.executor.extraJavaOptions} =
 *       the driver's {@code dev.ludovic.netlib} library properties ({@link #netlibFlags}): executors that
 *       Spark starts in other JVMs load the driver's BLAS with one thread per task, as jobs/lib/env.sh makes
 *       local runs do (docs/performance.md).</li>
 * </ul>
 * A user who wants the UI sets {@code spark.ui.enabled true} in the defaults file or with spark-submit
 * {@code --conf}; those win.
 */
public final class Sessions {
  /** Keys whose values are never written or shown: Spark's own redaction pattern, plus credentials. */
  static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token|access[.\\-_]?key|credential");
  static final String REDACTED = "*********(redacted)";
  /** The name spark-submit gives the application when it is given no --name: the main class. */
  static final String SUBMIT_DEFAULT_NAME = "dbo.job.Main";
  /** Every main class of ours (dbo.job.Main, dbo.job.tools.Reproduce, ...): spark-submit's default names. */
  private static final Pattern SUBMIT_DEFAULT = Pattern.compile("dbo\\.job\\.[A-Za-z0-9_.$]+");
  /** Retention limits of Spark's status store (the same as conf/spark-defaults.conf). */
  static final Map<String, String> STATUS_STORE_BOUNDS = Map.of(
      "spark.ui.retainedJobs", "50",
      "spark.ui.retainedStages", "50",
      "spark.ui.retainedTasks", "2000",
      "spark.sql.ui.retainedExecutions", "20");

  private Sessions() {}

  /**
   * @param sparkDefaults properties applied where not already set (jobs/run passes conf/spark-defaults.conf);
   *     null for none
   * @param staging the result's staging directory; checkpoints go under it unless spark.checkpoint-dir is set
   */
  public static SparkSession open(ExperimentConfig config, Path sparkDefaults, String appName, Path staging) {
    SparkSession spark = SparkSession.builder().config(conf(config, sparkDefaults, appName)).getOrCreate();
    // From here the driver opens data, checkpoints and results with Spark's Hadoop configuration (spark.hadoop.*).
    Storage.use(spark.sparkContext().hadoopConfiguration());
    String dir = config.spark().checkpointDir();
    String remote = RemoteResult.checkpointDirectory(staging);
    spark.sparkContext().setCheckpointDir(!dir.isEmpty() ? dir : remote != null ? remote
        : staging.resolve(".checkpoints").toString());
    return spark;
  }

  /** The session's settings, in the order of precedence described above. */
  static SparkConf conf(ExperimentConfig config, Path sparkDefaults, String appName) {
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
    if (SUBMIT_DEFAULT.matcher(conf.get("spark.app.name", SUBMIT_DEFAULT_NAME)).matches()) {
      conf.set("spark.app.name", redact(appName));
    }
    conf.setIfMissing("spark.ui.enabled", "false");
    STATUS_STORE_BOUNDS.forEach(conf::setIfMissing);
    // Executors in other JVMs get the driver's BLAS choice (jobs/lib/env.sh): the library, one thread per task.
    conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
    String netlib = netlibFlags();
    if (!netlib.isEmpty()) conf.setIfMissing("spark.executor.extraJavaOptions", netlib);
    if (conf.get("spark.master").startsWith("local")) local(conf);
    return conf;
  }

  /**
   * The settings of a local master, where the executor is the driver's JVM: the driver binds and advertises
   * 127.0.0.1, and local files are written without a {@code chmod} process per file
   * ({@link dbo.data.PosixLocalFileSystem}; every checkpoint and resume save writes one file per agent). On a
   * cluster the executors' JVMs would need the class at the moment they open a file system, so they keep
   * Hadoop's own.
   */
  public static SparkConf local(SparkConf conf) {
    conf.setIfMissing("spark.driver.host", "127.0.0.1");
    conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    conf.setIfMissing("spark.hadoop." + dbo.data.Storage.LOCAL_FS_KEY, dbo.data.PosixLocalFileSystem.class.getName());
    return conf;
  }

  /**
   * The context of a measurement tool (jobs/benchmark, its floor, jobs/soak), which runs without a
   * configuration file: no UI, no progress bar, the driver on 127.0.0.1 (the tools run on this machine, against
   * a local master or a standalone cluster on the loopback), and a local master's settings ({@link #local}).
   */
  public static SparkConf tool(String master, String appName) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName(appName)
        .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    return master.startsWith("local") ? local(conf) : conf;
  }

  /**
   * The application name of a run: {@code dbo-spark [KIND ]CONFIG RESULT}, e.g. {@code dbo-spark quickstart
   * quickstart-20261130-120000}, so that a history server's list tells runs apart by what ran and where its
   * result went.
   *
   * @param kind "" for a single run, "grid" for a grid
   * @param config the configuration file as given (its name without {@code .conf} is used)
   * @param result the result directory, a path or a URI (its last name is used)
   */
  public static String appName(String kind, String config, String result) {
    return "dbo-spark " + (kind.isEmpty() ? "" : kind + " ") + lastName(config).replaceFirst("\\.conf$", "") + " "
        + lastName(result);
  }

  private static String lastName(String pathOrUri) {
    String s = pathOrUri.replaceAll("/+$", "");
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /**
   * The driver's {@code -Ddev.ludovic.netlib.*.nativeLib} / {@code nativeLibPath} properties as JVM flags
   * (empty when none is set, or when a value holds white space and could not travel as one flag).
   */
  static String netlibFlags() {
    StringBuilder out = new StringBuilder();
    for (String lib : List.of("blas", "lapack")) {
      for (String key : List.of("nativeLib", "nativeLibPath")) {
        String property = "dev.ludovic.netlib." + lib + "." + key;
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) continue;
        if (value.chars().anyMatch(Character::isWhitespace)) return "";
        out.append(out.length() == 0 ? "" : " ").append("-D").append(property).append('=').append(value);
      }
    }
    return out.toString();
  }

  /**
   * Replaces the value of every {@code key=value} word whose key looks secret, e.g. {@code --set
   * a.password=x} becomes {@code --set a.password=*********(redacted)}.
   */
  static String redact(String commandLine) {
    StringBuilder out = new StringBuilder();
    for (String word : commandLine.split(" ", -1)) {
      int eq = word.indexOf('=');
      if (out.length() > 0) out.append(' ');
      out.append(eq > 0 && SECRET_KEY.matcher(word.substring(0, eq)).find() ? word.substring(0, eq + 1) + REDACTED
          : word);
    }
    return out.toString();
  }
}
