package dbo.algorithm;

import java.util.List;

/**
 * One agent's MA-DSBO-GT state (ALGORITHMS.md section 7): iterates x, y, z; the inner directions v, p and
 * the hypergradient estimate u; the upper gradients grad_x f, grad_y f at (x^k, y^{k+1}); the trackers s
 * (of v), r (of p) and h (of m); the moving average m and its previous value m^{k-1} ({@code mPrevious},
 * null before the first outer step's z loop ends).
 */
public record MaDsboGtState(int agent, double[] x, double[] y, double[] z, double[] v, double[] p, double[] u,
    double[] gradXf, double[] gradYf, double[] s, double[] r, double[] h, double[] m, double[] mPrevious,
    OracleCounts counts, long refreshes) implements AgentState {
  private static final long serialVersionUID = 1L;

  @Override
  public double[] hypergradient() {
    return u;
  }

  @Override
  public List<double[]> vectors() {
    return AgentState.present(x, y, z, v, p, u, gradXf, gradYf, s, r, h, m, mPrevious);
  }
}
