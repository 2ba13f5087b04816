package dbo.algorithm;

import java.util.ArrayList;
import java.util.List;

/**
 * One agent's single-level ED state ({@link SingleLevelEd}): x with its ED dual ({@link PrimalDualVariable}),
 * the semi-gradient h last evaluated at x, reported as the agent's hypergradient, and a y that stays zero
 * (the method has no lower level); no z.
 */
public record SingleLevelEdState(int agent, PrimalDualVariable xVar, double[] y, double[] h, OracleCounts counts,
    long refreshes) implements AgentState {
  private static final long serialVersionUID = 1L;

  @Override
  public double[] x() {
    return xVar.s();
  }

  @Override
  public double[] z() {
    return null;
  }

  @Override
  public double[] hypergradient() {
    return h;
  }

  @Override
  public List<double[]> vectors() {
    List<double[]> out = new ArrayList<>(xVar.vectors());
    out.add(y);
    out.add(h);
    return List.copyOf(out);
  }
}
