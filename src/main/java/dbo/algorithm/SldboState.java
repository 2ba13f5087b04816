package dbo.algorithm;

import java.util.List;

/**
 * One agent's SLDBO state (ALGORITHMS.md section 4): iterates x, y, z; the directions v, p, u last
 * evaluated at them; their trackers s, r, h.
 */
public record SldboState(int agent, double[] x, double[] y, double[] z, double[] v, double[] p, double[] u,
    double[] s, double[] r, double[] h, OracleCounts counts, long refreshes) implements AgentState {
  private static final long serialVersionUID = 1L;

  @Override
  public double[] hypergradient() {
    return u;
  }

  @Override
  public List<double[]> vectors() {
    return List.of(x, y, z, v, p, u, s, r, h);
  }
}
