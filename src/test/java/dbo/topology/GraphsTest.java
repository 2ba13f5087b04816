package dbo.topology;

import static dbo.topology.StochasticChecks.assertSupportIs;
import static dbo.topology.StochasticChecks.assertSymmetricDoublyStochastic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GraphsTest {

  /** Builds Metropolis W on g and checks it is a valid mixing matrix with g's support. */
  private static MixingMatrix checkedMetropolis(Graph g) {
    assertTrue(g.isConnected(), g.toString());
    MixingMatrix w = MixingWeights.metropolis(g);
    assertSymmetricDoublyStochastic(w);
    assertSupportIs(g, w);
    return w;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 7, 16})
  void ringHasDegreeTwoAndNEdges(int n) {
    Graph g = Graphs.ring(n);
    int expectedEdges = n == 1 ? 0 : n == 2 ? 1 : n;
    int expectedDegree = n == 1 ? 0 : n == 2 ? 1 : 2;
    assertEquals(expectedEdges, g.edgeCount());
    for (int i = 0; i < n; i++) {
      assertEquals(expectedDegree, g.degree(i));
      if (n > 1) assertTrue(g.hasEdge(i, (i + 1) % n));
    }
    checkedMetropolis(g);
  }

  @ParameterizedTest
  @CsvSource({"1,1", "1,2", "2,1", "2,2", "1,5", "2,3", "3,3", "3,5", "4,4", "2,6"})
  void torusDegreesFollowTheSides(int rows, int cols) {
    Graph g = Graphs.torus(rows, cols);
    int n = rows * cols;
    // Along a side of length L: 0 neighbours if L = 1, one (deduplicated) if L = 2, two otherwise.
    int degree = Math.min(rows - 1, 2) + Math.min(cols - 1, 2);
    assertEquals(n, g.size());
    for (int i = 0; i < n; i++) assertEquals(degree, g.degree(i), "agent " + i);
    assertEquals(n * degree / 2, g.edgeCount());
    checkedMetropolis(g);
  }

  @Test
  void torusWrapsAround() {
    Graph g = Graphs.torus(3, 4);
    assertTrue(g.hasEdge(0, 3));  // (0,0)-(0,3) across the column seam
    assertTrue(g.hasEdge(0, 8));  // (0,0)-(2,0) across the row seam
    assertFalse(g.hasEdge(0, 5)); // no diagonals
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 6, 10})
  void fullHasAllPairs(int n) {
    Graph g = Graphs.full(n);
    assertEquals(n * (n - 1) / 2, g.edgeCount());
    for (int i = 0; i < n; i++) assertEquals(n - 1, g.degree(i));
    checkedMetropolis(g);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 12})
  void starLinksEveryoneToTheHubOnly(int n) {
    Graph g = Graphs.star(n);
    assertEquals(n - 1, g.edgeCount());
    assertEquals(n - 1, g.degree(0));
    for (int i = 1; i < n; i++) {
      assertEquals(1, g.degree(i));
      assertTrue(g.hasEdge(i, 0));
    }
    checkedMetropolis(g);
  }

  @ParameterizedTest
  @CsvSource({"1,0", "2,1", "3,2", "5,4", "6,4", "8,5", "16,7", "12,6"})
  void exponentialDegreeIsTheNumberOfDistinctHops(int n, int degree) {
    // n = 12: hops +-1, +-2, +-4, +-8 mod 12 = {1, 2, 4, 8, 11, 10, 8, 4} -> {1, 2, 4, 8, 10, 11}.
    Graph g = Graphs.exponential(n);
    for (int i = 0; i < n; i++) assertEquals(degree, g.degree(i), "agent " + i);
    assertEquals(n * degree / 2, g.edgeCount());
    for (int i = 0; i < n; i++) {
      for (int hop = 1; hop <= n - 1; hop *= 2) assertTrue(g.hasEdge(i, (i + hop) % n));
    }
    checkedMetropolis(g);
  }

  @Test
  void erdosRenyiIsReproducibleForASeedAndConnected() {
    Graph a = Graphs.erdosRenyi(30, 0.15, 42L);
    Graph b = Graphs.erdosRenyi(30, 0.15, 42L);
    assertEquals(a, b);
    assertTrue(a.isConnected());
    checkedMetropolis(a);
    Graph c = Graphs.erdosRenyi(30, 0.15, 43L);
    assertNotEquals(a, c);
  }

  @Test
  void erdosRenyiEdgeCountIsNearPTimesPairs() {
    int n = 60;
    double p = 0.3;
    double pairs = n * (n - 1) / 2.0;
    Graph g = Graphs.erdosRenyi(n, p, 7L);
    double sd = Math.sqrt(pairs * p * (1 - p));
    assertEquals(p * pairs, g.edgeCount(), 5 * sd);
  }

  @Test
  void erdosRenyiWithProbabilityOneIsFull() {
    assertEquals(Graphs.full(9), Graphs.erdosRenyi(9, 1.0, 3L));
  }

  @Test
  void erdosRenyiGivesUpAndSaysWhatToRaise() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Graphs.erdosRenyi(40, 0.001, 1L));
    assertTrue(e.getMessage().contains("raise topology.edge-probability"), e.getMessage());
    assertTrue(e.getMessage().contains("1000"), e.getMessage());
  }

  @Test
  void erdosRenyiRefusesAProbabilityOutsideTheUnitInterval() {
    assertThrows(IllegalArgumentException.class, () -> Graphs.erdosRenyi(5, 0.0, 1L));
    assertThrows(IllegalArgumentException.class, () -> Graphs.erdosRenyi(5, 1.5, 1L));
    assertThrows(IllegalArgumentException.class, () -> Graphs.erdosRenyi(5, Double.NaN, 1L));
  }

  @Test
  void graphMergesDuplicatesAndRefusesSelfLoops() {
    Graph g = Graph.of(3, List.of(new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 2}));
    assertEquals(2, g.edgeCount());
    assertEquals(2, g.degree(1));
    assertTrue(g.isConnected());
    assertThrows(IllegalArgumentException.class, () -> Graph.of(3, List.<int[]>of(new int[] {2, 2})));
    assertThrows(IllegalArgumentException.class, () -> Graph.of(3, List.<int[]>of(new int[] {0, 3})));
  }

  @Test
  void graphCountsComponents() {
    Graph g = Graph.of(5, List.of(new int[] {0, 1}, new int[] {3, 4}));
    assertFalse(g.isConnected());
    assertEquals(3, g.componentCount());
    assertEquals(2, g.firstUnreachable());
    assertEquals(-1, Graphs.ring(5).firstUnreachable());
  }
}
