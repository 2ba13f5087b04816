package dbo.job.config;

import dbo.problem.Heterogeneity;

/**
 * Section {@code problem}: which bilevel problem, on how many agents, how the data are spread.
 * Every problem's section is validated; only the one named by {@code type} is kept.
 *
 * @param type          default {@link ProblemType#QUADRATIC}
 * @param agents        number of agents n; default 16; {@code >= 1}
 * @param heterogeneity generator preset; default {@link Heterogeneity#MILD}
 * @param unequalShards {@code shard-sizes = unequal}; default {@code equal} (false)
 * @param settings      the section {@code problem.<type>}
 */
public record ProblemConfig(ProblemType type, int agents, Heterogeneity heterogeneity, boolean unequalShards,
    ProblemSettings settings) {

  /** The problem these settings describe. */
  public dbo.problem.ProblemSpec build(long seed) {
    return settings.build(this, seed);
  }
}
