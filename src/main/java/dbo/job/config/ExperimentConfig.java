package dbo.job.config;

import java.util.List;

/**
 * A whole experiment: one problem on one topology, run by each of {@code algorithms} in turn.
 * Built and validated by {@link ConfigLoader}; the keys, defaults and ranges are documented in
 * {@code src/main/resources/reference.conf}.
 *
 * @param seed         master seed; default 1
 * @param runner       where the agents run; default {@link RunnerKind#SPARK}
 * @param spark        Spark session settings
 * @param problem      the bilevel problem and its data
 * @param topology     the communication graph (section {@code topology}, without per-level overrides)
 * @param topologyX    the graph the x messages travel on: {@code topology} with {@code topology.x} on top
 * @param topologyYz   the graph the y, z messages travel on: {@code topology} with {@code topology.yz} on top
 * @param run          budget, logging and stopping
 * @param algorithms   the algorithms to compare, in order; non-empty, labels unique
 * @param grid         the grid section; {@link GridSettings#isGrid()} is false for a single experiment
 * @param resolvedJson the fully resolved configuration (reference defaults + file + overrides, every
 *                     algorithm entry completed and labelled) as concise JSON, for the run manifest
 */
public record ExperimentConfig(long seed, RunnerKind runner, SparkSettings spark, ProblemConfig problem,
    TopologyConfig topology, TopologyConfig topologyX, TopologyConfig topologyYz, RunSettings run, List<AlgorithmConfig> algorithms, GridSettings grid, String resolvedJson) {

  public ExperimentConfig {
    algorithms = List.copyOf(algorithms);
  }
}
