package dbo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private static final int K = 10;

  private static int[] labels(int n) {
    SplittableRandom rng = new SplittableRandom(5);
    int[] l = new int[n];
    for (int i = 0; i < n; i++) l[i] = rng.nextInt(K);
    return l;
  }

  private static void assertPartition(Placement p, int[] labels) {
    boolean[] seen = new boolean[labels.length];
    for (int i = 0; i < p.agents(); i++) {
      assertTrue(p.indices()[i].length >= 1, "agent " + i + " is empty");
      int[] h = new int[K];
      for (int r : p.indices()[i]) {
        assertTrue(!seen[r], "row " + r + " placed twice");
        seen[r] = true;
        h[labels[r]]++;
      }
      assertArrayEquals(h, p.histograms()[i]);
      int[] sorted = p.indices()[i].clone();
      Arrays.sort(sorted);
      assertArrayEquals(sorted, p.indices()[i]);
    }
    for (boolean s : seen) assertTrue(s, "a row was not placed");
  }

  /** Mean over agents of the total-variation distance between the agent's class mix and the global one. */
  private static double skew(Placement p, int[] labels) {
    double[] global = new double[K];
    for (int l : labels) global[l] += 1.0 / labels.length;
    double sum = 0.0;
    for (int i = 0; i < p.agents(); i++) {
      double tv = 0.0;
      for (int k = 0; k < K; k++) tv += Math.abs(p.histograms()[i][k] / (double) p.indices()[i].length - global[k]);
      sum += tv / 2;
    }
    return sum / p.agents();
  }

  @Test
  void everyRuleIsAPartitionAndDeterministic() {
    int[] labels = labels(3000);
    for (PlacementRule rule : new PlacementRule[] {PlacementRule.iid(), PlacementRule.dirichlet(0.1),
        PlacementRule.dirichlet(1.0), PlacementRule.sorted(2), PlacementRule.iid().withUnequalShards(true),
        PlacementRule.dirichlet(0.1).withUnequalShards(true), PlacementRule.sorted(1).withUnequalShards(true)}) {
      for (int agents : new int[] {1, 7, 16, 64}) {
        Placement a = Placement.of(labels, K, agents, rule, 3);
        assertPartition(a, labels);
        assertTrue(Arrays.deepEquals(a.indices(), Placement.of(labels, K, agents, rule, 3).indices()), rule.toString());
      }
    }
  }

  @Test
  void iidSharesAreEqualAndUnequalSharesVary() {
    int[] labels = labels(1000);
    int[] equal = Placement.of(labels, K, 7, PlacementRule.iid(), 1).sizes();
    assertEquals(142, Arrays.stream(equal).min().getAsInt());
    assertEquals(143, Arrays.stream(equal).max().getAsInt());
    int[] unequal = Placement.of(labels, K, 7, PlacementRule.iid().withUnequalShards(true), 1).sizes();
    assertEquals(1000, Arrays.stream(unequal).sum());
    assertTrue(Arrays.stream(unequal).max().getAsInt() > 1.5 * Arrays.stream(unequal).min().getAsInt(),
        Arrays.toString(unequal));
  }

  @Test
  void smallerAlphaMeansMoreSkew() {
    int[] labels = labels(20000);
    double iid = skew(Placement.of(labels, K, 16, PlacementRule.iid(), 2), labels);
    double mild = skew(Placement.of(labels, K, 16, PlacementRule.dirichlet(1.0), 2), labels);
    double severe = skew(Placement.of(labels, K, 16, PlacementRule.dirichlet(0.1), 2), labels);
    double sorted = skew(Placement.of(labels, K, 16, PlacementRule.sorted(2), 2), labels);
    System.out.printf("placement skew (mean TV to the global mix): iid %.3f, dirichlet(1) %.3f, dirichlet(0.1)"
        + " %.3f, sorted(2) %.3f%n", iid, mild, severe, sorted);
    assertTrue(iid < 0.05, "iid " + iid);
    assertTrue(iid < mild && mild < severe, iid + " " + mild + " " + severe);
    assertTrue(sorted > 0.6, "sorted " + sorted);
  }

  @Test
  void sortedGivesEachAgentFewClasses() {
    int[] labels = labels(20000);
    Placement p = Placement.of(labels, K, 20, PlacementRule.sorted(2), 4);
    for (int[] h : p.histograms()) {
      long present = Arrays.stream(h).filter(c -> c > 0).count();
      assertTrue(present <= 4, "classes " + Arrays.toString(h));
    }
  }

  @Test
  void sameSeedGivesTwoSplitsTheSameDirichletMix() {
    int[] a = labels(20000);
    int[] b = Arrays.copyOf(labels(40000), 40000);
    Placement pa = Placement.of(a, K, 8, PlacementRule.dirichlet(0.1), 9);
    Placement pb = Placement.of(Arrays.copyOfRange(b, 20000, 40000), K, 8, PlacementRule.dirichlet(0.1), 9);
    for (int i = 0; i < 8; i++) {
      for (int k = 0; k < K; k++) {
        assertEquals(pa.histograms()[i][k], pb.histograms()[i][k], 0.1 * 20000 / K + 30, "agent " + i + " class " + k);
      }
    }
  }

  @Test
  void pinnedAcrossJvms() {
    // The placement uses only SplittableRandom and StrictMath: these values must never change.
    Placement p = Placement.of(labels(500), K, 4, PlacementRule.dirichlet(0.3).withUnequalShards(true), 77);
    assertArrayEquals(new int[] {104, 48, 152, 196}, p.sizes());
    assertArrayEquals(new int[] {0, 15, 4, 1},
        new int[] {p.indices()[0][0], p.indices()[1][0], p.indices()[2][0], p.indices()[3][0]});
  }

  @Test
  void configSyntax() {
    assertEquals(PlacementRule.dirichlet(0.1), PlacementRule.parse("severe"));
    assertEquals(PlacementRule.dirichlet(1.0), PlacementRule.parse("mild"));
    assertEquals(PlacementRule.dirichlet(0.5).withUnequalShards(true), PlacementRule.parse("dirichlet(0.5)").withUnequalShards(true));
    assertEquals(PlacementRule.sorted(2), PlacementRule.parse("sorted"));
    assertEquals(PlacementRule.sorted(3), PlacementRule.parse("sorted(3)"));
    assertEquals(PlacementRule.iid(), PlacementRule.parse("iid"));
    String msg = assertThrows(IllegalArgumentException.class, () -> PlacementRule.parse("dirichlet(0)"))
        .getMessage();
    assertTrue(msg.startsWith("\"dirichlet(0)\""), msg);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PlacementRule.parse("zipf"))
        .getMessage().contains("allowed: iid"));
    assertThrows(IllegalArgumentException.class, () -> Placement.of(new int[3], K, 4, PlacementRule.iid(), 0));
  }
}
