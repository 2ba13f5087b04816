package dbo.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MixingMatrixTest {

  private static String refusal(double[][] dense) {
    return assertThrows(IllegalArgumentException.class, () -> new MixingMatrix("test", dense)).getMessage();
  }

  @Test
  void refusesAnAsymmetricMatrix() {
    // Every row and column sums to 1, so only the symmetry check can refuse it.
    double[][] d = {{0.5, 0.5, 0.0}, {0.0, 0.5, 0.5}, {0.5, 0.0, 0.5}};
    assertTrue(refusal(d).contains("not symmetric"));
  }

  @Test
  void refusesASymmetricMatrixThatIsNotDoublyStochastic() {
    double[][] d = {{0.6, 0.3}, {0.3, 0.6}};
    assertTrue(refusal(d).contains("not doubly stochastic"));
  }

  @Test
  void refusesNegativeWeights() {
    double[][] d = {{1.5, -0.5}, {-0.5, 1.5}};
    assertTrue(refusal(d).contains("negative"));
  }

  @Test
  void refusesADisconnectedMatrix() {
    double[][] d = {{1, 0, 0}, {0, 0.5, 0.5}, {0, 0.5, 0.5}};
    assertTrue(refusal(d).contains("disconnected"));
  }

  @Test
  void neighboursIncludeSelfAndAreSorted() {
    MixingMatrix w = MixingWeights.metropolis(Graphs.ring(5));
    assertArrayEquals(new int[] {0, 1, 4}, w.neighbours(0));
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, w.neighbourWeights(0), 1e-15);
    assertEquals(5, w.edgeCount());
  }

  @Test
  void singleAgentHasGapOne() {
    MixingMatrix w = new MixingMatrix("one", new double[][] {{1.0}});
    assertEquals(1.0, w.spectralGap(), 0.0);
    assertArrayEquals(new double[] {1.0}, w.eigenvalues(), 1e-15);
  }
}
