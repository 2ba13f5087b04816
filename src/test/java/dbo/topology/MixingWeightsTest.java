package dbo.topology;

import static dbo.topology.StochasticChecks.EPS;
import static dbo.topology.StochasticChecks.assertSymmetricDoublyStochastic;
import static dbo.topology.StochasticChecks.gapFromEigenvalues;
import static dbo.topology.StochasticChecks.ringEigenvalues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MixingWeightsTest {

  @Test
  void metropolisWeightsFollowTheDegrees() {
    // Path 0-1-2 plus a pendant 3 on 1: deg = (1, 3, 1, 1).
    Graph g = Graph.of(4, List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {1, 3}));
    MixingMatrix w = MixingWeights.metropolis(g);
    assertEquals(0.25, w.weight(0, 1), EPS);
    assertEquals(0.75, w.weight(0, 0), EPS);
    assertEquals(0.25, w.weight(1, 1), EPS);
    assertEquals(0.0, w.weight(0, 2), 0.0);
    assertSymmetricDoublyStochastic(w);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 8, 13, 32})
  void ringSpectralGapMatchesTheClosedForm(int n) {
    MixingMatrix w = MixingWeights.metropolis(Graphs.ring(n));
    double second = 0.0;
    for (int k = 1; k < n; k++) {
      second = Math.max(second, Math.abs(1.0 / 3.0 + 2.0 / 3.0 * Math.cos(2.0 * Math.PI * k / n)));
    }
    assertEquals(1.0 - second, w.spectralGap(), 1e-12);
    assertArrayEquals(ringEigenvalues(n), w.eigenvalues(), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 7, 20})
  void fullGraphAveragesInOneRound(int n) {
    MixingMatrix w = MixingWeights.metropolis(Graphs.full(n));
    for (double[] row : w.dense()) for (double x : row) assertEquals(1.0 / n, x, EPS);
    assertEquals(1.0, w.spectralGap(), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 5, 10})
  void starSpectralGapIsOneOverN(int n) {
    // Leaves keep 1 - 1/n; eigenvalues are 1, 1 - 1/n (n - 2 times) and 0.
    assertEquals(1.0 / n, MixingWeights.metropolis(Graphs.star(n)).spectralGap(), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 6, 11})
  void lazyEigenvaluesAreOnePlusLambdaOverTwo(int n) {
    MixingMatrix w = MixingWeights.metropolis(Graphs.ring(n));
    MixingMatrix lazy = w.lazy();
    assertSymmetricDoublyStochastic(lazy);
    double[] expected = ringEigenvalues(n);
    for (int k = 0; k < n; k++) expected[k] = (1.0 + expected[k]) / 2.0;
    assertArrayEquals(expected, lazy.eigenvalues(), 1e-12);
    // (1 + lambda)/2 >= 0, so the gap is set by the second largest eigenvalue, k = 1.
    double closedForm = (1.0 - Math.cos(2.0 * Math.PI / n)) / 3.0;
    assertEquals(closedForm, lazy.spectralGap(), 1e-12);
    assertEquals(gapFromEigenvalues(expected), lazy.spectralGap(), 1e-12);
  }

  @Test
  void lazyFixesTheBipartiteRing() {
    // The 4-ring is bipartite, so Metropolis W has eigenvalue -1/3, which (W + I)/2 lifts to 1/3.
    MixingMatrix w = MixingWeights.metropolis(Graphs.ring(4));
    assertEquals(-1.0 / 3.0, w.eigenvalues()[0], 1e-12);
    assertTrue(w.lazy().eigenvalues()[0] >= -1e-12);
  }

  @ParameterizedTest
  @CsvSource({"5,0.1", "8,0.5", "9,1.0", "16,0.25"})
  void adjustedRingEigenvaluesAreShifted(int n, double a) {
    MixingMatrix w = MixingWeights.adjustedRing(n, a);
    assertSymmetricDoublyStochastic(w);
    double[] expected = ringEigenvalues(n);
    for (int k = 0; k < n; k++) expected[k] = (1.0 - a) + a * expected[k];
    Arrays.sort(expected);
    assertArrayEquals(expected, w.eigenvalues(), 1e-12);
    assertEquals(gapFromEigenvalues(expected), w.spectralGap(), 1e-12);
    assertEquals(1.0 - a + a / 3.0, w.weight(0, 0), EPS);
    assertEquals(a / 3.0, w.weight(0, 1), EPS);
  }

  @Test
  void adjustedRingWithOneIsTheRing() {
    assertArrayEquals(MixingWeights.metropolis(Graphs.ring(7)).dense()[3],
        MixingWeights.adjustedRing(7, 1.0).dense()[3], EPS);
  }

  @Test
  void adjustedRingRefusesMixOutsideTheUnitInterval() {
    for (double a : new double[] {0.0, -0.5, 1.5, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> MixingWeights.adjustedRing(6, a));
      assertTrue(e.getMessage().contains("topology.ring-mix"), e.getMessage());
    }
  }

  @Test
  void givenEdgeWeightsFillTheDiagonal() {
    List<WeightedEdge> edges = List.of(new WeightedEdge(0, 1, 0.5), new WeightedEdge(1, 2, 0.25),
        new WeightedEdge(2, 0, 0.125));
    MixingMatrix w = MixingWeights.fromEdgeWeights(3, edges);
    assertSymmetricDoublyStochastic(w);
    assertEquals(1.0 - 0.5 - 0.125, w.weight(0, 0), EPS);
    assertEquals(1.0 - 0.5 - 0.25, w.weight(1, 1), EPS);
    assertEquals(1.0 - 0.25 - 0.125, w.weight(2, 2), EPS);
    assertEquals(0.125, w.weight(0, 2), EPS);
  }

  @Test
  void givenEdgeWeightsAboveOneInARowNameTheAgent() {
    List<WeightedEdge> edges = List.of(new WeightedEdge(0, 1, 0.3), new WeightedEdge(1, 2, 0.8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MixingWeights.fromEdgeWeights(3, edges));
    assertTrue(e.getMessage().contains("agent 1"), e.getMessage());
  }

  @Test
  void metropolisOnADisconnectedGraphIsRefused() {
    Graph g = Graph.of(4, List.of(new int[] {0, 1}, new int[] {2, 3}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MixingWeights.metropolis(g));
    assertTrue(e.getMessage().contains("disconnected"), e.getMessage());
  }
}
