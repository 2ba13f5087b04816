package dbo.topology;

import static dbo.topology.StochasticChecks.assertSymmetricDoublyStochastic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TopologySpecTest {
  @TempDir Path dir;

  private TopologySpec specFor(TopologyKind kind) throws IOException {
    TopologySpec spec = TopologySpec.of(kind, 16).withSeed(5L);
    if (kind == TopologyKind.EDGE_LIST) {
      StringBuilder ring = new StringBuilder("# ring of 16\n");
      for (int i = 0; i < 16; i++) ring.append(i).append(' ').append((i + 1) % 16).append('\n');
      Path f = dir.resolve("ring16.txt");
      Files.writeString(f, ring);
      spec = spec.withEdgeList(f.toString());
    }
    return spec;
  }

  private static String refusal(TopologySpec spec) {
    return assertThrows(IllegalArgumentException.class, spec::build).getMessage();
  }

  @ParameterizedTest
  @EnumSource(TopologyKind.class)
  void everyKindBuildsAValidMatrixWithTheDescribedName(TopologyKind kind) throws IOException {
    TopologySpec spec = specFor(kind);
    MixingMatrix w = spec.build();
    assertEquals(16, w.size());
    assertSymmetricDoublyStochastic(w);
    assertTrue(w.spectralGap() > 0.0 && w.spectralGap() <= 1.0 + 1e-12, w.toString());
    assertEquals(spec.description(), w.description());

    MixingMatrix lazy = spec.withLazy(true).build();
    assertEquals(spec.withLazy(true).description(), lazy.description());
    assertTrue(lazy.description().endsWith(", lazy"), lazy.description());
    for (double e : lazy.eigenvalues()) assertTrue(e >= -1e-12, "lazy eigenvalue " + e);
  }

  @Test
  void dispatchesToTheMatchingBuilder() throws IOException {
    assertEquals("torus 4x4, metropolis", TopologySpec.of(TopologyKind.TORUS, 16).description());
    assertArrayEquals(MixingWeights.metropolis(Graphs.torus(4, 4)).dense()[5],
        TopologySpec.of(TopologyKind.TORUS, 16).build().dense()[5], 0.0);
    assertArrayEquals(MixingWeights.metropolis(Graphs.exponential(16)).dense()[3],
        specFor(TopologyKind.EXPONENTIAL).build().dense()[3], 0.0);
    assertArrayEquals(MixingWeights.adjustedRing(16, 0.25).eigenvalues(),
        TopologySpec.of(TopologyKind.ADJUSTED_RING, 16).withRingMix(0.25).build().eigenvalues(), 0.0);
    assertArrayEquals(MixingWeights.metropolis(Graphs.erdosRenyi(16, 0.5, 5L)).dense()[0],
        specFor(TopologyKind.ERDOS_RENYI).build().dense()[0], 0.0);
    // The edge-list file describes the same ring as the ring builder.
    assertArrayEquals(MixingWeights.metropolis(Graphs.ring(16)).eigenvalues(),
        specFor(TopologyKind.EDGE_LIST).build().eigenvalues(), 1e-15);
  }

  @Test
  void torusWithGivenSidesOrOneDerivedSide() {
    assertEquals("torus 3x4, metropolis", TopologySpec.of(TopologyKind.TORUS, 12).withSides(3, 4).description());
    assertArrayEquals(new int[] {2, 6}, TopologySpec.of(TopologyKind.TORUS, 12).withSides(2, 0).torusSides());
    assertArrayEquals(new int[] {4, 3}, TopologySpec.of(TopologyKind.TORUS, 12).withSides(0, 3).torusSides());
    assertEquals(12, TopologySpec.of(TopologyKind.TORUS, 12).withSides(3, 4).build().size());
  }

  @Test
  void torusOnANonSquareWithoutSidesNamesTheRowsKey() {
    String m = refusal(TopologySpec.of(TopologyKind.TORUS, 12));
    assertEquals("topology.type = torus needs problem.agents to be a perfect square, or topology.rows x"
        + " topology.cols = problem.agents; got 12 agents", m);
  }

  @Test
  void torusSidesThatDoNotMultiplyToTheAgentsAreRefused() {
    String m = refusal(TopologySpec.of(TopologyKind.TORUS, 12).withSides(3, 5));
    assertTrue(m.contains("topology.rows x topology.cols = 3 x 5 = 15 but problem.agents = 12"), m);
    m = refusal(TopologySpec.of(TopologyKind.TORUS, 12).withSides(5, 0));
    assertTrue(m.contains("topology.rows = 5 does not divide problem.agents = 12"), m);
    m = refusal(TopologySpec.of(TopologyKind.TORUS, 12).withSides(-1, 0));
    assertTrue(m.contains("topology.rows = -1"), m);
  }

  @Test
  void badFieldsNameTheirKeys() {
    assertTrue(refusal(TopologySpec.of(TopologyKind.RING, 0)).contains("problem.agents = 0"));
    assertTrue(refusal(TopologySpec.of(TopologyKind.ADJUSTED_RING, 8).withRingMix(0.0))
        .contains("topology.ring-mix = 0.0 is outside (0, 1]"));
    assertTrue(refusal(TopologySpec.of(TopologyKind.ERDOS_RENYI, 8).withEdgeProbability(1.2))
        .contains("topology.edge-probability = 1.2 is outside (0, 1]"));
    assertTrue(refusal(TopologySpec.of(TopologyKind.EDGE_LIST, 8)).contains("topology.edge-list"));
    String m = assertThrows(IllegalArgumentException.class,
        () -> new TopologySpec(null, 8, 0, 0, 0.5, 0.5, 0L, "", false)).getMessage();
    assertTrue(m.contains("topology.type") && m.contains("adjusted-ring"), m);
  }

  @Test
  void fieldsAnotherKindUsesAreIgnored() {
    MixingMatrix w = TopologySpec.of(TopologyKind.RING, 6).withSides(-3, 7).withRingMix(9.0).build();
    assertEquals(6, w.edgeCount());
  }

  @Test
  void aDisconnectedEdgeListIsRefused() throws IOException {
    Path f = dir.resolve("two-pieces.txt");
    Files.writeString(f, "0 1\n1 2\n3 4\n4 5\n");
    String m = refusal(TopologySpec.of(TopologyKind.EDGE_LIST, 6).withEdgeList(f.toString()));
    assertTrue(m.contains("disconnected"), m);
    assertTrue(m.contains("agent 3"), m);
    assertTrue(m.contains("two-pieces.txt"), m);
  }

  @Test
  void anEdgeListWithAnIsolatedAgentIsRefused() throws IOException {
    Path f = dir.resolve("isolated.txt");
    Files.writeString(f, "0 1\n1 2\n");
    String m = refusal(TopologySpec.of(TopologyKind.EDGE_LIST, 4).withEdgeList(f.toString()));
    assertTrue(m.contains("disconnected") && m.contains("agent 3"), m);
  }

  @Test
  void aWeightedEdgeListKeepsItsWeights() throws IOException {
    Path f = dir.resolve("weighted.txt");
    Files.writeString(f, "0 1 0.5\n1 2 0.25\n2 0 0.125\n");
    TopologySpec spec = TopologySpec.of(TopologyKind.EDGE_LIST, 3).withEdgeList(f.toString());
    MixingMatrix w = spec.build();
    assertEquals(0.25, w.weight(2, 1), 0.0);
    assertEquals(0.375, w.weight(0, 0), 1e-15);
    assertTrue(w.description().endsWith("given weights"), w.description());
    assertEquals(spec.description(), w.description());
  }

  @Test
  void aWeightedEdgeListWhoseRowExceedsOneNamesTheAgent() throws IOException {
    Path f = dir.resolve("heavy.txt");
    Files.writeString(f, "0 1 0.5\n1 2 0.75\n");
    String m = refusal(TopologySpec.of(TopologyKind.EDGE_LIST, 3).withEdgeList(f.toString()));
    assertTrue(m.contains("agent 1"), m);
  }

  @Test
  void erdosRenyiSpecIsReproducibleAndDependsOnTheSeed() {
    TopologySpec spec = TopologySpec.of(TopologyKind.ERDOS_RENYI, 25).withEdgeProbability(0.2).withSeed(11L);
    assertArrayEquals(spec.build().dense(), spec.build().dense());
    double[][] other = spec.withSeed(12L).build().dense();
    assertTrue(!java.util.Arrays.deepEquals(spec.build().dense(), other));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    TopologySpec spec = TopologySpec.of(TopologyKind.TORUS, 12).withSides(3, 4).withLazy(true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(spec);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(spec, in.readObject());
    }
  }
}
