package dbo.job.tools;

import dbo.algorithm.AgentAlgorithm;
import dbo.runtime.AgentReport;
import dbo.runtime.Engine;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Seconds per iteration of one algorithm on one engine, measured the way a run that logs every
 * {@code block} iterations spends them: {@code warmup} untimed iterations (a {@link dbo.runtime.Summary} every
 * {@code block}), then {@code blocks} timed blocks of {@code block} iterations, each ending with the summary a
 * logged iteration takes, so that Spark's lazy (or pipelined) iterations are really computed inside the block
 * that is charged for them. The per-agent reports (every agent's x and y: on Spark they travel to the driver)
 * are taken once before the first timed block and once after the last, outside the timing.
 */
final class IterationTimer {
  private IterationTimer() {}

  /**
   * @param secondsPerIteration one entry per timed block: its wall time over {@code block}
   * @param before the reports after the warm-up (the initial reports when there is none)
   * @param after the reports after the last timed block
   * @param cpuSeconds CPU time of this process (every thread: on a local Spark master the executors too, and the
   *     collector) over all the timed blocks; less sensitive than wall time to other processes on the machine
   */
  record Timing(double[] secondsPerIteration, List<AgentReport> before, List<AgentReport> after,
                double cpuSeconds) {}

  /** Starts {@code algorithm} on {@code engine}, then warms up and times as described above. */
  static Timing time(Engine engine, AgentAlgorithm<?> algorithm, int warmup, int block, int blocks) {
    if (warmup < 0 || block < 1 || blocks < 1) {
      throw new IllegalArgumentException("need warm-up >= 0, block >= 1 and blocks >= 1; got " + warmup + ", "
          + block + ", " + blocks);
    }
    engine.start(algorithm);
    long k = 0;
    while (k < warmup) {
      engine.iterate(++k);
      if (k % block == 0) engine.summary(null);
    }
    List<AgentReport> before = engine.reports();
    double[] perIteration = new double[blocks];
    long cpu = 0;
    for (int b = 0; b < blocks; b++) {
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      for (int i = 0; i < block; i++) engine.iterate(++k);
      engine.summary(null);
      perIteration[b] = (System.nanoTime() - t0) / 1e9 / block;
      cpu += processCpuNanos() - cpu0;
    }
    List<AgentReport> after = engine.reports();
    return new Timing(perIteration, before, after, cpu / 1e9);
  }

  /** CPU time of this process in nanoseconds, or 0 where the JVM does not say (then cpuSeconds is 0). */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime()) : 0;
  }
}
