package dbo.job.tools;

import java.util.List;
import java.util.Locale;

/**
 * One measurement of a soak run ({@link Soak}), taken after iteration {@code iteration}.
 *
 * @param iteration the last completed iteration k
 * @param wallSeconds seconds since the run started, sampling included
 * @param secondsPerIteration mean seconds per iteration since the previous sample, sampling excluded
 * @param heapBytes the driver's heap in use right after a full GC (in local mode it also hosts the executors)
 * @param nonHeapBytes the driver's non-heap memory in use (metaspace, code cache)
 * @param threads the driver JVM's live threads
 * @param lineageRdds distinct RDDs in the state RDD's lineage at this iteration (it is checkpointed when
 *     the iteration is a multiple of the checkpoint interval)
 * @param maxLineageRdds the largest lineage since the previous sample (measured just before each checkpoint)
 * @param persistedRdds RDDs the Spark context holds persisted ({@code getPersistentRDDs})
 * @param checkpointFiles files under the Spark checkpoint directory
 * @param checkpointBytes bytes under the Spark checkpoint directory
 * @param blockDiskBytes bytes in the driver's block-manager directories (shuffle files, spilled blocks),
 *     measured before the GC that lets Spark's cleaner remove unreferenced shuffles
 * @param storageBytes storage memory in use over all block managers ({@code getExecutorMemoryStatus})
 * @param executorHeapBytes the largest executor heap in use after a GC; -1 in local mode (the driver's)
 */
record SoakSample(long iteration, double wallSeconds, double secondsPerIteration, long heapBytes, long nonHeapBytes,
    int threads, int lineageRdds, int maxLineageRdds, int persistedRdds, long checkpointFiles,
    long checkpointBytes, long blockDiskBytes, long storageBytes, long executorHeapBytes) {

  static final List<String> COLUMNS = List.of("iteration", "wall_s", "s_per_iteration", "heap_after_gc_bytes",
      "non_heap_bytes", "threads", "lineage_rdds", "max_lineage_rdds", "persisted_rdds", "checkpoint_files",
      "checkpoint_bytes", "block_disk_bytes", "storage_memory_bytes", "executor_heap_after_gc_bytes");

  String csv() {
    return String.format(Locale.ROOT, "%d,%.3f,%.6f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d", iteration, wallSeconds,
        secondsPerIteration, heapBytes, nonHeapBytes, threads, lineageRdds, maxLineageRdds, persistedRdds,
        checkpointFiles, checkpointBytes, blockDiskBytes, storageBytes, executorHeapBytes);
  }

  static String tableHeader() {
    return String.format(Locale.ROOT, "%9s %8s %9s %9s %8s %7s %8s %9s %9s %9s %9s %9s %9s", "iteration",
        "wall_s", "ms/iter", "heap_MiB", "nonheap", "threads", "lineage", "max_lin", "persisted", "ckpt_files",
        "ckpt_KiB", "blk_KiB", "exec_MiB");
  }

  String tableRow() {
    return String.format(Locale.ROOT, "%9d %8.1f %9.2f %9.2f %8.1f %7d %8d %9d %9d %9d %9.1f %9.1f %9s", iteration,
        wallSeconds, secondsPerIteration * 1e3, heapBytes / 1048576.0, nonHeapBytes / 1048576.0, threads,
        lineageRdds, maxLineageRdds, persistedRdds, checkpointFiles, checkpointBytes / 1024.0,
        blockDiskBytes / 1024.0,
        executorHeapBytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f", executorHeapBytes / 1048576.0));
  }
}
