package dbo.topology;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mixing weights on a graph (ALGORITHMS.md section 2). The default is Metropolis-Hastings,
 * w_ij = 1 / (1 + max(deg_i, deg_j)) on edges and w_ii = 1 - sum_j w_ij, which is symmetric and doubly
 * stochastic on any graph and needs only each agent's and its neighbours' degrees. Every method returns
 * a validated {@link MixingMatrix}, so a disconnected graph is refused here.
 */
public final class MixingWeights {
  private MixingWeights() {}

  /** Metropolis-Hastings weights on {@code graph}, described as "metropolis". */
  public static MixingMatrix metropolis(Graph graph) {
    return metropolis("metropolis", graph);
  }

  /** Metropolis-Hastings weights on {@code graph}, with the manifest description given. */
  public static MixingMatrix metropolis(String description, Graph graph) {
    return new MixingMatrix(description, metropolisDense(graph));
  }

  /**
   * W from user-given edge weights w_ij = w_ji, with w_ii = 1 - sum_j w_ij.
   *
   * @throws IllegalArgumentException if an agent's edge weights sum to more than 1 (naming the agent),
   *     or an edge is a self loop, a duplicate, out of range, or has a weight that is not positive
   */
  public static MixingMatrix fromEdgeWeights(int n, List<WeightedEdge> edges) {
    return fromEdgeWeights("given weights", n, edges);
  }

  /** As {@link #fromEdgeWeights(int, List)}, with the manifest description given. */
  public static MixingMatrix fromEdgeWeights(String description, int n, List<WeightedEdge> edges) {
    if (n < 1) throw new IllegalArgumentException("problem.agents = " + n + " must be at least 1");
    double[][] d = new double[n][n];
    Set<Long> seen = new HashSet<>();
    for (WeightedEdge e : edges) {
      int i = e.i();
      int j = e.j();
      if (i < 0 || i >= n || j < 0 || j >= n || i == j) {
        throw new IllegalArgumentException("topology: edge " + i + "-" + j + " is a self loop or has an id"
            + " outside [0, " + n + "); give edges between distinct agents 0.." + (n - 1));
      }
      if (!(e.weight() > 0.0) || Double.isInfinite(e.weight())) {
        throw new IllegalArgumentException("topology: edge " + i + "-" + j + " has weight " + e.weight()
            + "; edge weights must be positive and finite");
      }
      if (!seen.add((long) Math.min(i, j) * n + Math.max(i, j))) {
        throw new IllegalArgumentException("topology: edge " + i + "-" + j + " is given twice; list each"
            + " undirected edge once");
      }
      d[i][j] = e.weight();
      d[j][i] = e.weight();
    }
    for (int i = 0; i < n; i++) {
      double off = 0.0;
      for (int j = 0; j < n; j++) if (j != i) off += d[i][j];
      if (off > 1.0 + MixingMatrix.TOLERANCE) {
        throw new IllegalArgumentException("topology: agent " + i + "'s edge weights sum to " + off
            + " > 1, so its self weight w_ii = 1 - sum would be negative; scale the weights so that every"
            + " agent's edge weights sum to at most 1, or drop them to use Metropolis weights");
      }
      // A sum within rounding of 1 leaves a tiny negative diagonal that is really 0.
      d[i][i] = Math.max(0.0, 1.0 - off);
    }
    return new MixingMatrix(description, d);
  }

  /**
   * Adjusted ring (1 - a) I + a W_ring, with W_ring the Metropolis ring (1/3 on each edge for n >= 3).
   * Its eigenvalues are (1 - a) + a lambda_k(W_ring), so a in (0, 1] sets the spectral gap to a times
   * the ring's; a = 1 is the plain ring.
   */
  public static MixingMatrix adjustedRing(int n, double a) {
    return adjustedRing("adjusted ring " + n + " (a = " + a + "), metropolis", n, a);
  }

  /** As {@link #adjustedRing(int, double)}, with the manifest description given. */
  public static MixingMatrix adjustedRing(String description, int n, double a) {
    if (!(a > 0.0 && a <= 1.0)) {
      throw new IllegalArgumentException("topology.ring-mix = " + a + " is outside (0, 1]; it scales the"
          + " ring's spectral gap, and 1 gives the plain ring");
    }
    double[][] d = metropolisDense(Graphs.ring(n));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) d[i][j] = a * d[i][j] + (i == j ? 1.0 - a : 0.0);
    }
    return new MixingMatrix(description, d);
  }

  private static double[][] metropolisDense(Graph g) {
    int n = g.size();
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      double off = 0.0;
      for (int j : g.neighbours(i)) {
        double w = 1.0 / (1.0 + Math.max(g.degree(i), g.degree(j)));
        d[i][j] = w;
        off += w;
      }
      d[i][i] = 1.0 - off;
    }
    return d;
  }
}
