package dbo.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/** Assertions on mixing matrices shared by the topology tests, computed from the dense W directly. */
final class StochasticChecks {
  static final double EPS = 1e-12;

  private StochasticChecks() {}

  /** W is symmetric, nonnegative, and every row and column sums to 1, to {@link #EPS}. */
  static void assertSymmetricDoublyStochastic(MixingMatrix w) {
    double[][] d = w.dense();
    int n = d.length;
    for (int i = 0; i < n; i++) {
      double row = 0.0;
      double col = 0.0;
      for (int j = 0; j < n; j++) {
        assertTrue(d[i][j] >= 0.0, "w[" + i + "][" + j + "] = " + d[i][j]);
        assertEquals(d[i][j], d[j][i], EPS, "asymmetric at " + i + "," + j);
        row += d[i][j];
        col += d[j][i];
      }
      assertEquals(1.0, row, EPS, "row " + i);
      assertEquals(1.0, col, EPS, "column " + i);
    }
  }

  /** Off-diagonal w_ij > 0 exactly on the edges of g, and the degrees match. */
  static void assertSupportIs(Graph g, MixingMatrix w) {
    assertEquals(g.size(), w.size());
    assertEquals(g.edgeCount(), w.edgeCount());
    for (int i = 0; i < g.size(); i++) {
      assertEquals(g.degree(i), w.degree(i), "degree of " + i);
      for (int j = 0; j < g.size(); j++) {
        if (i != j) assertEquals(g.hasEdge(i, j), w.weight(i, j) > 0.0, "support at " + i + "," + j);
      }
    }
  }

  /** 1 - max |lambda| over all eigenvalues but the largest one (which is 1). */
  static double gapFromEigenvalues(double[] eigenvalues) {
    double[] e = eigenvalues.clone();
    Arrays.sort(e);
    double second = 0.0;
    for (int k = 0; k < e.length - 1; k++) second = Math.max(second, Math.abs(e[k]));
    return 1.0 - second;
  }

  /** Eigenvalues of the Metropolis ring on n >= 3 agents: 1/3 + 2/3 cos(2 pi k / n), ascending. */
  static double[] ringEigenvalues(int n) {
    double[] e = new double[n];
    for (int k = 0; k < n; k++) e[k] = 1.0 / 3.0 + 2.0 / 3.0 * Math.cos(2.0 * Math.PI * k / n);
    Arrays.sort(e);
    return e;
  }
}
