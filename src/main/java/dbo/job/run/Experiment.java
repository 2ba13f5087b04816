package dbo.job.run;

import dbo.job.output.BadInputException;
import dbo.algorithm.AgentAlgorithm;
import dbo.job.config.AlgorithmConfig;
import dbo.job.config.ExperimentConfig;
import dbo.job.config.TopologyConfig;
import dbo.job.config.RunnerKind;
import dbo.problem.ProblemSpec;
import dbo.problem.RemoteData;
import dbo.runtime.LoopSettings;
import dbo.runtime.MixingPlan;
import dbo.runtime.SparkShards;
import dbo.topology.LinkFailures;
import dbo.topology.TimeVaryingMixing;
import dbo.topology.TopologySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A validated experiment, ready to run: the problem, the graphs and the algorithms built from a
 * configuration, each algorithm with the mixing plan it runs on. Building it is where every cross-key check
 * happens, before any output is written; a problem is reported as a {@link BadInputException}.
 *
 * @param plan the configured graphs (x level, y, z level)
 * @param plans per algorithm: {@code plan}, or its lazy (W + I)/2 version on the levels where the algorithm
 *     corrects heterogeneity with EXTRA or ED and {@code lazy-corrections} is on (ALGORITHMS.md section 2)
 * @param smoothness the problem's smoothness estimate L the step sizes were scaled by (estimated once, where
 *     the shards live; 1 while {@code provisional})
 * @param provisional see {@link #provisional()}
 */
public record Experiment(ExperimentConfig config, ProblemSpec problem, MixingPlan plan,
    List<AgentAlgorithm<?>> algorithms, List<MixingPlan> plans, LoopSettings loop, double smoothness,
    boolean provisional) {

  /** {@link #of(ExperimentConfig, JavaSparkContext)} before the job's Spark context exists. */
  public static Experiment of(ExperimentConfig c) {
    return of(c, null);
  }

  /**
   * @param jsc the job's Spark context, or null when it does not exist yet. On the Spark runner a problem
   *     whose data Spark reads ({@link RemoteData}) has its smoothness estimated by the executors,
   *     which needs the context: without it the experiment is only {@link #provisional()} (checked, with
   *     step sizes scaled by L = 1), and the run rebuilds it with {@link #onSpark}.
   */
  public static Experiment of(ExperimentConfig c, JavaSparkContext jsc) {
    try {
      return build(c, c.problem().build(c.seed()), jsc, c.runner() == RunnerKind.SPARK);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /**
   * @param problem built from {@code c} (a provisional experiment's own, so that its data is not read again)
   * @param sparkShards whether the engines will be Spark engines (else the shards live in this JVM)
   */
  private static Experiment build(ExperimentConfig c, ProblemSpec problem, JavaSparkContext jsc,
      boolean sparkShards) {
    try {
      // Reads and checks the data (labels, placement) now, so a bad data file fails before any output.
      problem.shardSizes();
      // Once per experiment: on real data the estimate builds every shard (seconds): in this JVM for the
      // in-process runner, on the executors for a problem whose data Spark's executors read (tables,
      // hyper-cleaning), so that the driver never reads features.
      double smoothness;
      boolean provisional = false;
      if (sparkShards && problem instanceof RemoteData remote) {
        provisional = jsc == null;
        smoothness = provisional ? 1.0 : SparkShards.smoothness(jsc, remote);
      } else {
        smoothness = problem.smoothness();
      }
      TimeVaryingMixing wx = mixing(c.topologyX(), c.problem().agents(), c.seed());
      TimeVaryingMixing wyz = c.topologyYz().equals(c.topologyX()) ? wx
          : mixing(c.topologyYz(), c.problem().agents(), c.seed());
      MixingPlan plan = new MixingPlan(wx, wyz);
      Map<String, MixingPlan> byWeights = new HashMap<>();
      List<AgentAlgorithm<?>> algorithms = new ArrayList<>();
      List<MixingPlan> plans = new ArrayList<>();
      for (int i = 0; i < c.algorithms().size(); i++) {
        AlgorithmConfig a = c.algorithms().get(i);
        algorithms.add(algorithm(a, i, problem, smoothness, c.seed()));
        boolean lazyX = a.lazyCorrections() && !c.topologyX().lazy() && a.method().correctsHeterogeneity(true);
        boolean lazyYz = a.lazyCorrections() && !c.topologyYz().lazy() && a.method().correctsHeterogeneity(false);
        // Algorithms that need the same weights share one plan, and so one engine and one set of shards.
        plans.add(byWeights.computeIfAbsent(lazyX + "/" + lazyYz, k -> {
          if (!lazyX && !lazyYz) return plan;
          TimeVaryingMixing x = lazyX ? wx.lazy() : wx;
          TimeVaryingMixing yz = !lazyYz ? wyz : (wyz == wx && lazyX ? x : wyz.lazy());
          return new MixingPlan(x, yz);
        }));
      }
      LoopSettings loop = new LoopSettings(c.run().iterations(), c.run().logEvery(), c.run().tolerance(),
          c.run().divergenceThreshold(), c.run().progressSeconds(), c.run().oracleBudget(), c.run().stopMeasure());
      // Refuse estimation-error where x* is unknown before anything runs.
      loop.stopMeasure().resolve(problem.solution().isPresent());
      return new Experiment(c, problem, plan, List.copyOf(algorithms), List.copyOf(plans), loop, smoothness,
          provisional);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /**
   * True when this experiment was built without the Spark context its problem needs for the smoothness
   * estimate: its checks have run, but its step sizes are placeholders; run {@link #onSpark} instead.
   */
  @Override
  public boolean provisional() {
    return provisional;
  }

  /** This experiment, or, when {@link #provisional()}, the same one rebuilt with the job's Spark context. */
  public Experiment onSpark(JavaSparkContext jsc) {
    return provisional() && jsc != null ? build(config, problem, jsc, true) : this;
  }

  /**
   * This experiment, or, when {@link #provisional()}, the same one with the smoothness estimated in this JVM:
   * for runs whose engines are in-process although the configured runner is Spark (grid cells run as Spark
   * tasks).
   */
  public Experiment inProcess() {
    return provisional() ? build(config, problem, null, false) : this;
  }

  /** A level's W_k: the configured W, with its link failures and schedule (ALGORITHMS.md section 11). */
  static TimeVaryingMixing mixing(TopologyConfig t, int agents, long seed) {
    TopologySpec spec = topology(t, agents, seed);
    return TimeVaryingMixing.of(spec, spec.build(), t.schedule(), new LinkFailures(t.linkFailure(), seed));
  }

  static TopologySpec topology(TopologyConfig t, int agents, long seed) {
    return new TopologySpec(t.type(), agents, t.rows(), t.cols(), t.ringMix(), t.edgeProbability(), seed,
        t.edgeList(), t.lazy());
  }

  /** @param smoothness the problem's smoothness estimate L, computed once by the caller */
  static AgentAlgorithm<?> algorithm(AlgorithmConfig a, int index, ProblemSpec problem, double smoothness, long seed) {
    String at = "algorithms[" + index + "].";
    int batch = a.common().batch();
    if (batch > 0) {
      int smallest = Integer.MAX_VALUE;
      for (int size : problem.shardSizes()) smallest = Math.min(smallest, size);
      if (batch > smallest) {
        throw new IllegalArgumentException(at + "batch = " + batch + " exceeds the smallest shard ("
            + smallest + " samples); allowed: 0 (whole shard) or at most " + smallest);
      }
    }
    return a.build(at, problem, smoothness, seed, () -> !(problem instanceof RemoteData)
        && problem.build(0).freeze(problem.initialX(), problem.initialY()) != null);
  }
}
