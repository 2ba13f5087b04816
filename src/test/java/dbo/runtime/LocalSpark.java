package dbo.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tests' embedded Spark. Surefire runs every test class in one JVM (the pom keeps its defaults, forkCount
 * 1 and reuseForks true) and Spark allows one active SparkContext per JVM, so a test class says which Spark it
 * uses:
 *
 * <ul>
 *   <li>{@link Shared @LocalSpark.Shared}: the JVM's one quiet {@value #SHARED_MASTER} context, {@link #shared()}
 *       (or {@link #sharedSession()}). The first class that needs it starts it; the next ones reuse it, each
 *       with a fresh checkpoint directory and no RDD left persisted by an earlier class. Never stop it: Spark's
 *       shutdown hook stops it when the JVM exits.</li>
 *   <li>{@link Own @LocalSpark.Own}: the class runs the job in this JVM ({@code Main}, {@code Sessions.open},
 *       {@code GridRun}), which takes the active context with {@code getOrCreate} and stops it when done. On
 *       the shared context the job would silently run on its master and settings instead of the config's,
 *       so the shared context is stopped before each of the class's tests (the next user starts another).</li>
 *   <li>{@link #start(String)}: a context of the test's own on a given master (local[1], local[2] and
 *       local[4] compared); it stops the shared one first, and the caller stops it.</li>
 * </ul>
 */
public final class LocalSpark {
  /** The shared context's master: two cores, so that agents really are split over tasks. */
  public static final String SHARED_MASTER = "local[2]";
  private static JavaSparkContext shared;

  private LocalSpark() {}

  /** A new context on {@code master}, with a fresh checkpoint directory; the caller stops it. */
  public static synchronized JavaSparkContext start(String master) {
    release();
    JavaSparkContext jsc = create(master);
    freshCheckpointDir(jsc);
    return jsc;
  }

  /** A session on a new context on {@code master} ({@link #start(String)}); the caller stops it. */
  public static SparkSession session(String master) {
    return SparkSession.builder().sparkContext(start(master).sc()).getOrCreate();
  }

  /** The JVM's shared {@value #SHARED_MASTER} context, started if there is none (or a job stopped it). */
  public static synchronized JavaSparkContext shared() {
    if (shared == null || shared.sc().isStopped()) {
      shared = create(SHARED_MASTER);
      freshCheckpointDir(shared);
    }
    return shared;
  }

  /** A session on {@link #shared()}. */
  public static SparkSession sharedSession() {
    return SparkSession.builder().sparkContext(shared().sc()).getOrCreate();
  }

  /** Stops the shared context if it runs, so that the next context is the one a test or job opens itself. */
  public static synchronized void release() {
    if (shared != null) {
      shared.stop();
      shared = null;
    }
  }

  private static JavaSparkContext create(String master) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName("dbo-test")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.showConsoleProgress", "false");
    JavaSparkContext jsc = new JavaSparkContext(conf);
    jsc.setLogLevel("WARN");
    return jsc;
  }

  private static void freshCheckpointDir(JavaSparkContext jsc) {
    try {
      Path dir = Files.createTempDirectory("dbo-checkpoints");
      dir.toFile().deleteOnExit();
      jsc.setCheckpointDir(dir.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The class runs on {@link #shared()}; see {@link LocalSpark}. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(SharedContext.class)
  public @interface Shared {}

  /** The class's tests open their own Spark (through the job); see {@link LocalSpark}. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(OwnContext.class)
  public @interface Own {}

  /** Before a {@link Shared} class: the shared context, with a fresh checkpoint directory and nothing persisted. */
  static final class SharedContext implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      synchronized (LocalSpark.class) {
        if (shared != null && shared.sc().isStopped()) {
          // Only release() stops it on purpose: a job took it with getOrCreate (so ran on its master and settings
          // instead of its configuration's) and stopped it, or a test stopped it. Say so rather than hide it.
          shared = null;
          throw new IllegalStateException("the shared Spark context was stopped by an earlier test class: a class"
              + " that runs the job in this JVM (Main, Sessions.open, GridRun) must be annotated @LocalSpark.Own,"
              + " and no test stops the shared context");
        }
        JavaSparkContext jsc = shared();
        jsc.getPersistentRDDs().values().forEach(rdd -> rdd.unpersist(true));
        freshCheckpointDir(jsc);
      }
    }
  }

  /** Before each test of an {@link Own} class: no shared context for the job to pick up. */
  static final class OwnContext implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
      release();
    }
  }
}
