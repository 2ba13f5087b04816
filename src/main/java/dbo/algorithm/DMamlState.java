package dbo.algorithm;

import java.util.List;

/**
 * One agent's decentralized first-order MAML state ({@link DMaml}): the meta-parameters, feature map x and
 * shared head initialization {@code head}; the meta-gradients last evaluated at them; and y, the agent's
 * tasks' adapted heads scaled by n in its own slots (so the mean over agents holds every task's adapted
 * head). z stays zero: MAML has no auxiliary variable.
 */
public record DMamlState(int agent, double[] x, double[] head, double[] y, double[] z, double[] gradX,
    double[] gradHead, OracleCounts counts, long refreshes) implements AgentState {
  private static final long serialVersionUID = 1L;

  /** The meta-gradient in x. */
  @Override
  public double[] hypergradient() {
    return gradX;
  }

  @Override
  public List<double[]> vectors() {
    return List.of(x, head, y, z, gradX, gradHead);
  }
}
