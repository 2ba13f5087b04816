package dbo.job.config;

import dbo.problem.ProblemSpec;

/**
 * The section {@code problem.<type>} of one problem of {@link ProblemType}, read and validated on load by its
 * own {@code read(SectionReader)} and documented in {@code reference.conf}.
 */
public interface ProblemSettings {

  /**
   * The problem on {@code p.agents()} agents; throws {@link IllegalArgumentException} naming the key when
   * the data it names cannot be used.
   */
  ProblemSpec build(ProblemConfig p, long seed);
}
