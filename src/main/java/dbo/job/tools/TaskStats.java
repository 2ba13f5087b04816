package dbo.job.tools;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Where a Spark benchmark's time went, from Spark's own task metrics ({@code jobs/benchmark --task-stats}): sums
 * over every job and task since the last {@link #reset}. A task's run time much above its CPU time means its
 * thread waited (for the CPU, a lock, the disk); a task's span from launch to the driver's notice of its end
 * well above its run and deserialization time is scheduling latency; jobs' summed wall time against the timed
 * wall time shows how much of it the driver spent between jobs.
 */
final class TaskStats extends SparkListener {
  private final Map<Integer, Long> jobStarts = new ConcurrentHashMap<>();
  private long jobs;
  private long jobMillis;
  private long tasks;
  private long runMillis;
  private long cpuNanos;
  private long deserializeMillis;
  private long gcMillis;
  private long spanMillis;

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    jobStarts.put(e.jobId(), e.time());
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd e) {
    Long start = jobStarts.remove(e.jobId());
    jobs++;
    if (start != null) jobMillis += e.time() - start;
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
    TaskMetrics m = e.taskMetrics();
    tasks++;
    spanMillis += e.taskInfo().duration();
    if (m == null) return;
    runMillis += m.executorRunTime();
    cpuNanos += m.executorCpuTime();
    deserializeMillis += m.executorDeserializeTime();
    gcMillis += m.jvmGCTime();
  }

  synchronized void reset() {
    jobs = jobMillis = tasks = runMillis = cpuNanos = deserializeMillis = gcMillis = spanMillis = 0;
  }

  /** One line: {@code spark tasks: J jobs (W ms), T tasks: run R ms, cpu C ms, ...}. */
  synchronized String line(double wallSeconds) {
    return String.format(Locale.ROOT, "spark tasks: %d jobs (%.0f ms of %.0f ms timed wall), %d tasks: run %d ms,"
        + " cpu %.0f ms, deserialize %d ms, gc %d ms, launch to end %d ms", jobs, (double) jobMillis,
        wallSeconds * 1e3, tasks, runMillis, cpuNanos / 1e6, deserializeMillis, gcMillis, spanMillis);
  }
}
