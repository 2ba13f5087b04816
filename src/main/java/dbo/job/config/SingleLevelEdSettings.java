package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.SingleLevelEd;
import dbo.problem.ProblemSpec;
import dbo.problem.SemiGradient;
import java.util.Map;

/**
 * Single-level Exact Diffusion, decentralized TD(0) with ED's correction (ALGORITHMS.md, "Single-level Exact
 * Diffusion"): no keys beyond the common ones (it uses alpha and batch; beta, gamma and z-radius are read
 * but unused, as there is no y or z); label "single-level ED". Only for problems with a TD(0)
 * semi-gradient ({@link SemiGradient.Problem}: policy-evaluation); any other problem is refused.
 */
public record SingleLevelEdSettings() implements AlgorithmSettings {

  static SingleLevelEdSettings read(SectionReader r) {
    return new SingleLevelEdSettings();
  }

  @Override
  public String defaultLabel() {
    return "single-level ED";
  }

  @Override
  public boolean runsOn(ProblemSpec problem) {
    return problem instanceof SemiGradient.Problem;
  }

  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    if (!runsOn(c.problem())) {
      throw new IllegalArgumentException(c.at() + "type = single-level-ed needs a single-level (TD(0)) problem,"
          + " which " + c.problem().name() + " is not; use it with problem.type = policy-evaluation");
    }
    return new SingleLevelEd(c.label(), c.steps().alpha(), c.seed(), c.batch());
  }

  /** ED on x: it mixes with the lazy (W + I)/2 there when lazy-corrections is on, as SPARKLE-ED does. */
  @Override
  public boolean correctsHeterogeneity(boolean xLevel) {
    return xLevel;
  }

  @Override
  public void writeKeys(Map<String, Object> out) {}
}
