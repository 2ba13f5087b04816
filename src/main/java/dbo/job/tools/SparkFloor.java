package dbo.job.tools;

import dbo.job.output.ResultDirectory;
import dbo.linalg.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Spark's own floor per iteration with one partition per agent, against which the Spark runner's overhead is
 * judged: {@code jobs/benchmark floor [agents=16] [iterations=100] [master=local[2]]}. A measurement tool,
 * not a test. Same method as {@link Benchmark}: medians over blocks of 10 iterations after 20 warm-up ones.
 *
 * <ul>
 *   <li>bare job: per iteration one job of one task per agent over a cached RDD of one int per agent,
 *       computing nothing and persisting nothing: the least a Spark program can do per iteration and still
 *       touch every agent's partition.</li>
 *   <li>bare chain: per iteration a new RDD of one int per agent computed from the previous one (one to
 *       one), persisted and materialized by a job, checkpointed every 10 iterations with the older ones
 *       released: the least an iterative job whose state lives in RDDs can do (no exchange at all).</li>
 *   <li>pipelined chain: the bare chain scheduled as the engine schedules rounds on a local master, each
 *       iteration's job submitted before the previous one has finished (two in flight).</li>
 * </ul>
 * The context has the tools' settings ({@code Sessions.tool}): on a local master, local files are written
 * without a chmod process ({@code dbo.data.PosixLocalFileSystem}), as the engine writes them;
 * {@code -Dspark.hadoop.fs.file.impl=org.apache.hadoop.fs.LocalFileSystem} measures Hadoop's own.
 */
public final class SparkFloor {
  private SparkFloor() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    String master = args.length > 2 ? args[2] : "local[2]";
    SparkConf conf = dbo.job.run.Sessions.tool(master, "dbo-benchmark-floor");
    JavaSparkContext jsc = new JavaSparkContext(conf);
    jsc.setLogLevel("WARN");
    Path dir = Files.createTempDirectory("dbo-benchmark-floor");
    jsc.setCheckpointDir(dir.toString());
    List<Integer> ids = IntStream.range(0, n).boxed().toList();
    try {
      System.out.printf("Spark's floor: %d partitions of one int, %s, %d timed iterations%n", n, master, iterations);
      JavaRDD<Integer> cached = jsc.parallelize(ids, n).persist(StorageLevel.MEMORY_AND_DISK());
      cached.count();
      double bare = Vectors.median(time(iterations, k -> cached.count()));
      System.out.printf("bare job: median %.3f ms per iteration%n", bare * 1e3);
      @SuppressWarnings("unchecked")
      JavaRDD<Integer>[] state = new JavaRDD[] {cached};
      java.util.ArrayDeque<JavaRDD<Integer>> older = new java.util.ArrayDeque<>();
      double chain = Vectors.median(time(iterations, k -> {
        JavaRDD<Integer> next = state[0].map(v -> v + 1).persist(StorageLevel.MEMORY_AND_DISK());
        older.add(state[0]);
        state[0] = next;
        if (k % 10 == 0) next.checkpoint();
        next.count();
        if (k % 10 == 0) while (older.size() > 0) older.poll().unpersist(false);
      }));
      System.out.printf("bare chain: median %.3f ms per iteration (checkpoint every 10)%n", chain * 1e3);
      // The engine's local-master schedule (SparkEngine): the next iteration's job is submitted before the
      // previous one ends, at most two in flight; a checkpoint waits for both.
      java.util.ArrayDeque<JavaFutureAction<Long>> inFlight = new java.util.ArrayDeque<>();
      double piped = Vectors.median(time(iterations, k -> {
        JavaRDD<Integer> next = state[0].map(v -> v + 1).persist(StorageLevel.MEMORY_AND_DISK());
        older.add(state[0]);
        state[0] = next;
        if (k % 10 == 0) {
          while (!inFlight.isEmpty()) await(inFlight.poll());
          next.checkpoint();
          next.count();
          while (older.size() > 0) older.poll().unpersist(false);
        } else {
          inFlight.add(next.countAsync());
          while (inFlight.size() >= 2) await(inFlight.poll());
        }
      }));
      System.out.printf("pipelined chain: median %.3f ms per iteration (checkpoint every 10, two jobs in flight)%n",
          piped * 1e3);
    } finally {
      jsc.stop();
      ResultDirectory.deleteTree(dir);
    }
  }

  private static void await(JavaFutureAction<Long> job) {
    try {
      job.get();
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Seconds per iteration: medians come from blocks of 10 iterations, after {@value Benchmark#WARMUP} warm-up
   * iterations (the benchmark's default, so that engine and floor are compared in the same JIT state).
   */
  private static double[] time(int iterations, java.util.function.LongConsumer iteration) {
    long k = 0;
    for (int i = 0; i < Benchmark.WARMUP; i++) iteration.accept(++k);
    int blocks = Math.max(1, iterations / 10);
    double[] out = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 10; i++) iteration.accept(++k);
      out[b] = (System.nanoTime() - t0) / 1e9 / 10;
    }
    return out;
  }
}
