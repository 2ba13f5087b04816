package dbo.topology;

import dbo.linalg.SymmetricEigen;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mixing matrix W over n agents (ALGORITHMS.md section 2): symmetric, doubly stochastic, w_ij > 0 only on
 * edges and the diagonal, on a connected graph. The constructor refuses anything else with a message that
 * names the problem. Neighbour lists are sorted by agent id and include the agent itself, which fixes the
 * order in which every runner sums incoming messages.
 */
public final class MixingMatrix implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Tolerance on symmetry and on row sums. */
  public static final double TOLERANCE = 1e-10;

  private final String description;
  private final int n;
  private final int[][] neighbours;
  private final double[][] weights;
  private final double spectralGap;
  private final double secondEigenvalue;
  private final double[] eigenvalues;

  /**
   * @param description human-readable name, e.g. "torus 4x4, metropolis"
   * @param dense the n x n weights, row-major ({@code dense[i][j]} = w_ij)
   */
  public MixingMatrix(String description, double[][] dense) {
    this.description = description;
    this.n = dense.length;
    if (n < 1) throw new IllegalArgumentException("topology: a mixing matrix needs at least one agent");
    for (int i = 0; i < n; i++) {
      if (dense[i].length != n) {
        throw new IllegalArgumentException("topology: mixing matrix row " + i + " has " + dense[i].length
            + " entries, expected " + n);
      }
    }
    for (int i = 0; i < n; i++) {
      double rowSum = 0.0;
      for (int j = 0; j < n; j++) {
        double w = dense[i][j];
        if (!Double.isFinite(w) || w < 0.0) {
          throw new IllegalArgumentException("topology: weight w[" + i + "][" + j + "] = " + w
              + " is negative or not finite; weights must be >= 0");
        }
        if (Math.abs(w - dense[j][i]) > TOLERANCE) {
          throw new IllegalArgumentException("topology: W is not symmetric (w[" + i + "][" + j + "] = " + w
              + " but w[" + j + "][" + i + "] = " + dense[j][i] + "); use an undirected graph or symmetric weights");
        }
        rowSum += w;
      }
      if (Math.abs(rowSum - 1.0) > TOLERANCE) {
        throw new IllegalArgumentException("topology: W is not doubly stochastic (row " + i + " sums to "
            + rowSum + "); use weights = metropolis or normalize the edge weights");
      }
    }
    this.neighbours = new int[n][];
    this.weights = new double[n][];
    for (int i = 0; i < n; i++) {
      List<Integer> ids = new ArrayList<>();
      for (int j = 0; j < n; j++) if (dense[i][j] > 0.0 || i == j) ids.add(j);
      neighbours[i] = ids.stream().mapToInt(Integer::intValue).toArray();
      weights[i] = new double[neighbours[i].length];
      for (int k = 0; k < neighbours[i].length; k++) weights[i][k] = dense[i][neighbours[i][k]];
    }
    requireConnected();
    double[] eig = eigenvalues(dense);
    this.eigenvalues = eig;
    // eigenvalues ascending; the largest is 1 for a doubly stochastic W.
    double second = 0.0;
    if (n > 1) second = Math.max(Math.abs(eig[0]), Math.abs(eig[n - 2]));
    this.secondEigenvalue = second;
    this.spectralGap = 1.0 - second;
  }

  private void requireConnected() {
    boolean[] seen = new boolean[n];
    int[] stack = new int[n];
    int top = 0;
    stack[top++] = 0;
    seen[0] = true;
    int count = 1;
    while (top > 0) {
      int i = stack[--top];
      for (int j : neighbours[i]) {
        if (!seen[j]) {
          seen[j] = true;
          count++;
          stack[top++] = j;
        }
      }
    }
    if (count != n) {
      int missing = 0;
      while (seen[missing]) missing++;
      throw new IllegalArgumentException("topology: the graph is disconnected (agent " + missing
          + " cannot be reached from agent 0; " + count + " of " + n
          + " agents reachable); add edges so that every agent is reachable");
    }
  }

  private static double[] eigenvalues(double[][] dense) {
    int n = dense.length;
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i + j * n] = dense[i][j];
    return SymmetricEigen.eigenvalues(a, n);
  }

  /** (W + I) / 2: the lazy version of this matrix, always safe for EXTRA and ED. */
  public MixingMatrix lazy() {
    double[][] d = dense();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) d[i][j] = 0.5 * d[i][j] + (i == j ? 0.5 : 0.0);
    }
    return new MixingMatrix(description + ", lazy", d);
  }

  public int size() {
    return n;
  }

  public String description() {
    return description;
  }

  /** Agent ids j with w_ij > 0, ascending, including i itself. */
  public int[] neighbours(int i) {
    return neighbours[i].clone();
  }

  /** Weights w_ij in the order of {@link #neighbours(int)}. */
  public double[] neighbourWeights(int i) {
    return weights[i].clone();
  }

  /** w_ij. */
  public double weight(int i, int j) {
    int k = Arrays.binarySearch(neighbours[i], j);
    return k >= 0 ? weights[i][k] : 0.0;
  }

  /** The full n x n weights, row-major, as a new array. */
  public double[][] dense() {
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < neighbours[i].length; k++) d[i][neighbours[i][k]] = weights[i][k];
    }
    return d;
  }

  /** Number of undirected edges between distinct agents. */
  public int edgeCount() {
    int twice = 0;
    for (int i = 0; i < n; i++) twice += neighbours[i].length - 1;
    return twice / 2;
  }

  /** Degree of agent i (neighbours other than itself). */
  public int degree(int i) {
    return neighbours[i].length - 1;
  }

  /** 1 - |lambda_2(W)|, where |lambda_2| is the second largest eigenvalue modulus. */
  public double spectralGap() {
    return spectralGap;
  }

  /** All eigenvalues of W in ascending order (the last is 1), as a new array. */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** |lambda_2(W)|. */
  public double secondEigenvalueModulus() {
    return secondEigenvalue;
  }

  @Override
  public String toString() {
    return "MixingMatrix{" + description + ", n=" + n + ", edges=" + edgeCount() + ", spectralGap="
        + spectralGap + "}";
  }
}
