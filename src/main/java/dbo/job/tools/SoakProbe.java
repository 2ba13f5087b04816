package dbo.job.tools;

import dbo.runtime.SparkEngine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Reads the resource figures of a {@link SoakSample} from the driver JVM, the Spark context and, on a
 * cluster, the executors. Disk figures are read before the full GC, heap figures after it: the GC is what
 * lets Spark's cleaner drop shuffles and broadcasts nobody references, so reading disk first shows what a
 * run that never forces a GC keeps.
 */
final class SoakProbe {
  private final JavaSparkContext jsc;
  private final SparkEngine engine;

  SoakProbe(JavaSparkContext jsc, SparkEngine engine) {
    this.jsc = jsc;
    this.engine = engine;
  }

  /**
   * The distinct RDDs the current state's lineage reaches (its DAG's nodes, shared parents counted once);
   * a checkpointed RDD's lineage stops at its checkpoint. {@code toDebugString} prints the DAG as a tree,
   * in which a parent reached twice (a state feeds both the messages and the update) is printed twice, so
   * its line count grows like 2^k between checkpoints while the DAG grows linearly.
   */
  int lineageRdds() {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<org.apache.spark.rdd.RDD<?>> todo = new java.util.ArrayDeque<>();
    todo.add(engine.currentState().rdd());
    while (!todo.isEmpty()) {
      org.apache.spark.rdd.RDD<?> r = todo.poll();
      if (!seen.add(r.id())) continue;
      for (org.apache.spark.Dependency<?> d : scala.jdk.javaapi.CollectionConverters.asJava(r.dependencies())) {
        todo.add(d.rdd());
      }
    }
    return seen.size();
  }

  SoakSample sample(long iteration, double wallSeconds, double secondsPerIteration, int maxLineage) {
    int lineage = lineageRdds();
    int persisted = jsc.getPersistentRDDs().size();
    long[] checkpoint = checkpointDirectory();
    long blockDisk = blockManagerDisk();
    fullGc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return new SoakSample(iteration, wallSeconds, secondsPerIteration, heap, nonHeap, threads, lineage,
        Math.max(lineage, maxLineage), persisted, checkpoint[0], checkpoint[1], blockDisk, storageMemory(),
        executorHeap());
  }

  /** Two full collections: the first may only enqueue finalizable and weakly reachable objects. */
  private static void fullGc() {
    System.gc();
    System.gc();
  }

  /** {file count, bytes} under the context's checkpoint directory, through Hadoop (local or HDFS). */
  private long[] checkpointDirectory() {
    if (!jsc.getCheckpointDir().isPresent()) return new long[] {0, 0};
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(jsc.getCheckpointDir().get());
      FileSystem fs = dir.getFileSystem(jsc.hadoopConfiguration());
      if (!fs.exists(dir)) return new long[] {0, 0};
      ContentSummary s = fs.getContentSummary(dir);
      return new long[] {s.getFileCount(), s.getLength()};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the checkpoint directory", e);
    }
  }

  /** Bytes in the driver's block-manager directories (in local mode: the executors' shuffle files too). */
  private static long blockManagerDisk() {
    long total = 0;
    for (File d : SparkEnv.get().blockManager().diskBlockManager().localDirs()) total += bytesUnder(d.toPath());
    return total;
  }

  private static long bytesUnder(Path root) {
    if (!Files.exists(root)) return 0;
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // deleted while walking: Spark's cleaner runs concurrently
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** Storage memory in use over every block manager: max minus remaining. */
  private long storageMemory() {
    long used = 0;
    for (Tuple2<Object, Object> maxAndFree : scala.jdk.javaapi.CollectionConverters.asJava(
        jsc.sc().getExecutorMemoryStatus()).values()) {
      used += (Long) maxAndFree._1() - (Long) maxAndFree._2();
    }
    return used;
  }

  /**
   * The largest heap in use after a GC over the executors, from a tiny job with two tasks per core that
   * each report their executor's heap; -1 in local mode, where the executors are the driver.
   */
  private long executorHeap() {
    if (jsc.master().startsWith("local")) return -1;
    int tasks = 2 * jsc.defaultParallelism();
    List<Integer> ids = IntStream.range(0, tasks).boxed().toList();
    List<Tuple2<String, Long>> reported = jsc.parallelize(ids, tasks).mapPartitions(it -> {
      fullGc();
      List<Tuple2<String, Long>> out = new ArrayList<>();
      out.add(new Tuple2<>(SparkEnv.get().executorId(),
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
      return out.iterator();
    }).collect();
    Map<String, Long> byExecutor = new HashMap<>();
    for (Tuple2<String, Long> t : reported) byExecutor.merge(t._1, t._2, Math::min);
    return byExecutor.values().stream().mapToLong(Long::longValue).max().orElse(-1);
  }
}
