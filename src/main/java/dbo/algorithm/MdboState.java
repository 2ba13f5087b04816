package dbo.algorithm;

import java.util.List;

/**
 * One agent's MDBO state (ALGORITHMS.md section 7): iterates x, y; z, the Neumann estimate of
 * H_i^{-1} grad_y f_i at (x, y) (it plays z's role); the lower gradient v and hypergradient estimate u at
 * (x, y); their momenta a and m; the trackers s (of a) and h (of m).
 */
public record MdboState(int agent, double[] x, double[] y, double[] z, double[] v, double[] u, double[] a,
    double[] m, double[] s, double[] h, OracleCounts counts, long refreshes) implements AgentState {
  private static final long serialVersionUID = 1L;

  @Override
  public double[] hypergradient() {
    return u;
  }

  @Override
  public List<double[]> vectors() {
    return List.of(x, y, z, v, u, a, m, s, h);
  }
}
