package dbo.algorithm;

import java.io.Serializable;
import java.util.List;

/**
 * One variable of the primal-dual template ({@link PrimalDualStep}, ALGORITHMS.md section 3) on one agent:
 * the iterate s; the dual q (null for DSGD, and for EXTRA before its first deferred dual update); GT's t and
 * W t between its two rounds (null otherwise).
 */
public record PrimalDualVariable(double[] s, double[] q, double[] t, double[] wt) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The same variable with iterate {@code s}. */
  PrimalDualVariable withS(double[] s) {
    return new PrimalDualVariable(s, q, t, wt);
  }

  /** s, then q, t, W t where present. */
  public List<double[]> vectors() {
    return AgentState.present(s, q, t, wt);
  }
}
