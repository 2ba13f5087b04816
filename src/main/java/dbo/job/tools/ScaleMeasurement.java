package dbo.job.tools;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.OracleCounts;
import dbo.data.ShardSizes;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.job.output.ResultDirectory;
import dbo.job.run.EnginePool;
import dbo.job.run.Experiment;
import dbo.job.run.Sessions;
import dbo.linalg.Vectors;
import dbo.problem.LogisticHpoProblem;
import dbo.runtime.AgentReport;
import dbo.runtime.Engine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One size of {@link Scale}, measured in its own JVM: the synthetic logistic problem of a configuration with
 * {@code samples} training samples in all (samples / agents per agent, validation 1/8 of that), built and run
 * as {@code jobs/run} builds it, on one runner.
 *
 * <p>Oracle flops are counted analytically from the oracle calls of the timed iterations (the per-agent
 * counts of the reports), leading terms only: with m_i training and v_i validation rows of agent i, d features
 * and c weight columns (c = K, or 1 for K = 2), a gradient of g costs 4 m_i d c (logits A W, then A'(P - T)),
 * a gradient of f 4 v_i d c (the same on the validation rows), a Hessian-vector product 6 m_i d c (A W, A V,
 * A' C(A V)); Jacobian-vector products, softmax and penalties are O(m c + d c) and left out.
 */
final class ScaleMeasurement {
  private ScaleMeasurement() {}

  /** The line prefix the parent looks for. */
  static final String PREFIX = "scale-result ";

  /**
   * @param samples total training samples (agents x per-agent training size)
   * @param setupSeconds building the experiment: the smoothness estimate generates every agent's data and
   *     its Gram matrices (on the executors for Spark, in this JVM in process)
   * @param buildSeconds building the engine: every shard generated and kept (Spark: cached and counted)
   * @param secondsPerIteration median over the timed blocks
   * @param cpuSecondsPerIteration this JVM's CPU time over the timed blocks, per iteration
   * @param flopsPerIteration oracle flops of one iteration, summed over agents (see the class comment)
   * @param peakHeapAfterGc bytes, {@link PeakMemory#peakHeapAfterGc()}
   * @param liveHeap bytes in use after a full collection at the end, the shards still held
   * @param peakResident bytes, VmHWM
   * @param featureBytes bytes of the features the shards hold: 8 x (train + validation + test rows) x d
   * @param load the 1-minute load average when the timing ended
   */
  record Result(String runner, long samples, int agents, int perAgent, double setupSeconds, double buildSeconds,
                double secondsPerIteration, double cpuSecondsPerIteration, double flopsPerIteration,
                long peakHeapAfterGc, long liveHeap, long peakResident, long featureBytes, double load) {

    String line() {
      return PREFIX + String.format(Locale.ROOT, "runner=%s samples=%d agents=%d per-agent=%d setup-s=%.3f"
              + " build-s=%.3f s-per-iteration=%.4f cpu-s-per-iteration=%.4f flops-per-iteration=%.6e"
              + " peak-heap-after-gc=%d live-heap=%d peak-rss=%d feature-bytes=%d load=%.2f", runner, samples, agents,
          perAgent, setupSeconds, buildSeconds, secondsPerIteration, cpuSecondsPerIteration, flopsPerIteration,
          peakHeapAfterGc, liveHeap, peakResident, featureBytes, load);
    }

    static Result parse(String line) {
      Map<String, String> f = new LinkedHashMap<>();
      for (String word : line.substring(PREFIX.length()).trim().split(" ")) {
        int eq = word.indexOf('=');
        f.put(word.substring(0, eq), word.substring(eq + 1));
      }
      return new Result(f.get("runner"), Long.parseLong(f.get("samples")), Integer.parseInt(f.get("agents")),
          Integer.parseInt(f.get("per-agent")), Double.parseDouble(f.get("setup-s")),
          Double.parseDouble(f.get("build-s")), Double.parseDouble(f.get("s-per-iteration")),
          Double.parseDouble(f.get("cpu-s-per-iteration")),
          Double.parseDouble(f.get("flops-per-iteration")), Long.parseLong(f.get("peak-heap-after-gc")),
          Long.parseLong(f.get("live-heap")), Long.parseLong(f.get("peak-rss")), Long.parseLong(f.get("feature-bytes")),
          Double.parseDouble(f.get("load")));
    }

    double gflopsPerSecond() {
      return flopsPerIteration / secondsPerIteration / 1e9;
    }
  }

  /**
   * Measures one size on one runner ({@code spark} or {@code in-process}) in this JVM.
   *
   * @param overrides the user's --set overrides, applied after the size's
   */
  static Result measure(Path config, long samples, String runner, String master, List<String> overrides,
                        Path sparkDefaults, int warmup, int block, int blocks) throws Exception {
    PeakMemory memory = PeakMemory.watch();
    boolean spark = runner.equals("spark");
    ExperimentConfig base = ConfigLoader.load(config, overrides);
    int agents = base.problem().agents();
    int perAgent = (int) (samples / agents);
    List<String> sets = new ArrayList<>();
    sets.add("runner=" + runner);
    sets.add("spark.master=" + master);
    sets.add("problem.logistic.train=" + perAgent);
    sets.add("problem.logistic.validation=" + Math.max(1, perAgent / 8));
    sets.addAll(overrides);
    ExperimentConfig cfg = ConfigLoader.load(config, sets);
    if (cfg.algorithms().get(0).common().batch() > 0) {
      throw new IllegalArgumentException(config + ": the flop count assumes whole-shard oracles; set"
          + " algorithms.0.batch = 0");
    }
    Path work = Files.createTempDirectory("dbo-scale");
    SparkSession session = spark ? Sessions.open(cfg, sparkDefaults, "dbo-scale " + samples, work) : null;
    try {
      JavaSparkContext jsc = session == null ? null : JavaSparkContext.fromSparkContext(session.sparkContext());
      if (jsc != null) jsc.setLogLevel("WARN");
      long t0 = System.nanoTime();
      Experiment e = Experiment.of(cfg, jsc);
      double setup = (System.nanoTime() - t0) / 1e9;
      if (!(e.problem() instanceof LogisticHpoProblem p)) {
        throw new IllegalArgumentException(config + ": jobs/scale needs the synthetic logistic problem"
            + " (problem.type = logistic without problem.logistic.data); got " + e.problem().name());
      }
      AgentAlgorithm<?> algorithm = e.algorithms().get(0);
      System.err.printf(Locale.ROOT, "scale %d %s: %s, experiment built in %.1f s (L = %.4g)%n", samples, runner,
          algorithm.label(), setup, e.smoothness());
      try (EnginePool pool = new EnginePool(p, jsc, cfg.run().checkpointEvery())) {
        long t1 = System.nanoTime();
        Engine engine = pool.engine(e.plans().get(0));
        double build = (System.nanoTime() - t1) / 1e9;
        System.err.printf(Locale.ROOT, "scale %d %s: shards built in %.1f s%n", samples, runner, build);
        IterationTimer.Timing t = IterationTimer.time(engine, algorithm, warmup, block, blocks);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double flops = flops(p, t.before(), t.after()) / ((double) block * blocks);
        long live = memory.collectNow();
        int timed = block * blocks;
        return new Result(runner, (long) perAgent * agents, agents, perAgent, setup, build,
            Vectors.median(t.secondsPerIteration()), t.cpuSeconds() / timed, flops, memory.peakHeapAfterGc(), live,
            PeakMemory.peakResident(), featureBytes(p), load);
      }
    } finally {
      if (session != null) session.stop();
      ResultDirectory.deleteTree(work);
    }
  }

  /** Oracle flops between two sets of reports, summed over agents (the formula of the class comment). */
  static double flops(LogisticHpoProblem p, List<AgentReport> before, List<AgentReport> after) {
    double dc = (double) p.features() * p.weightColumns();
    double total = 0;
    for (int i = 0; i < p.agents(); i++) {
      OracleCounts a = after.get(i).counts();
      OracleCounts b = before.get(i).counts();
      double m = ShardSizes.size(p.seed(), i, p.train(), p.unequalShards());
      double v = ShardSizes.size(p.seed(), i, p.validation(), p.unequalShards());
      total += (a.gradG - b.gradG) * 4 * m * dc + (a.gradF - b.gradF) * 4 * v * dc + (a.hvp - b.hvp) * 6 * m * dc;
    }
    return total;
  }

  /** 8 bytes per feature of every agent's three splits. */
  static long featureBytes(LogisticHpoProblem p) {
    long rows = 0;
    for (int i = 0; i < p.agents(); i++) {
      rows += ShardSizes.size(p.seed(), i, p.train(), p.unequalShards())
          + ShardSizes.size(p.seed(), i, p.validation(), p.unequalShards())
          + ShardSizes.size(p.seed(), i, p.test(), p.unequalShards());
    }
    return 8L * rows * p.features();
  }
}
