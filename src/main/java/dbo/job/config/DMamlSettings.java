package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.DMaml;
import dbo.problem.ProblemSpec;
import dbo.problem.TaskAdaptation;
import java.util.Map;

/**
 * Decentralized first-order MAML (ALGORITHMS.md, "Meta-learning"): meta step alpha (the common key, scaled
 * by the smoothness when scale-by-smoothness is on); beta, gamma and z-radius are not used.
 *
 * @param innerSteps {@code inner-steps} S, gradient steps of the head on each task's support loss; default 5; {@code >= 0}
 * @param innerRate  {@code inner-rate} eta, their step size (never scaled); default 0.5; {@code > 0}
 */
public record DMamlSettings(int innerSteps, double innerRate) implements AlgorithmSettings {

  static DMamlSettings read(SectionReader r) {
    return new DMamlSettings(r.intAtLeast("inner-steps", 0), r.positive("inner-rate"));
  }

  @Override
  public String defaultLabel() {
    return "D-MAML";
  }

  @Override
  public boolean runsOn(ProblemSpec problem) {
    return problem instanceof TaskAdaptation.Source;
  }

  /** Refuses problems without few-shot tasks and mini-batches (its inner loop uses every task). */
  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    if (!(c.problem() instanceof TaskAdaptation.Source s)) {
      throw new IllegalArgumentException(c.at() + "type = d-maml needs a problem of few-shot tasks"
          + " (problem.type = meta-learning); problem.type = " + c.problem().name() + " has none");
    }
    if (c.batch() != 0) {
      throw new IllegalArgumentException(c.at() + "batch = " + c.batch() + " is not supported by d-maml; set batch = 0");
    }
    if (!(c.steps().alpha() > 0)) {
      throw new IllegalArgumentException(c.at() + "alpha = 0 would freeze d-maml's meta-parameters; set alpha > 0");
    }
    return new DMaml(c.label(), c.steps().alpha(), innerSteps, innerRate, s.headDim());
  }

  @Override
  public void writeKeys(Map<String, Object> out) {
    out.put("inner-steps", innerSteps);
    out.put("inner-rate", innerRate);
  }
}
