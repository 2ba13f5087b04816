package dbo.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeListTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path f = dir.resolve("edges.txt");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsUnweightedEdgesWithCommentsAndBlankLines() throws IOException {
    Path f = write("# a 4-ring\n\n0 1\n1 2   # inline comment\n\t2\t3\n3 0\n");
    EdgeList list = Graphs.edgeList(f, 4);
    assertFalse(list.weighted());
    assertEquals(Graphs.ring(4), list.graph());
    assertEquals(4, list.edges().size());
  }

  @Test
  void readsWeightedEdges() throws IOException {
    Path f = write("0 1 0.5\n1 2 0.25\n");
    EdgeList list = Graphs.edgeList(f, 3);
    assertTrue(list.weighted());
    assertEquals(new WeightedEdge(1, 2, 0.25), list.edges().get(1));
  }

  /** Each bad file is refused on the given line, with a one-line message containing the phrase. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 1\\n1 2 3 4\\n|2|expected 'i j' or 'i j w'",
      "0 1\\n1\\n|2|expected 'i j' or 'i j w'",
      "# header\\n0 x\\n|2|not an integer",
      "0 1.5\\n|1|not an integer",
      "0 1\\n1 4\\n|2|outside [0, 4)",
      "0 1\\n-1 2\\n|2|outside [0, 4)",
      "0 1\\n\\n2 2\\n|3|self loop",
      "0 1 0.5\\n1 2 -0.1\\n|2|positive and finite",
      "0 1 0\\n|1|positive and finite",
      "0 1 NaN\\n|1|positive and finite",
      "0 1 Infinity\\n|1|positive and finite",
      "0 1 abc\\n|1|not a number",
      "0 1\\n1 2\\n2 1\\n|3|duplicate edge",
      "0 1\\n1 0\\n|2|already on line 1",
      "0 1\\n1 2 0.5\\n|2|has a weight but line 1 does not",
      "0 1 0.5\\n1 2\\n|2|has no weight but line 1 does"})
  void refusesBadLinesNamingTheLine(String text, int line, String phrase) throws IOException {
    Path f = write(text.replace("\\n", "\n"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graphs.edgeList(f, 4));
    String m = e.getMessage();
    assertTrue(m.contains("line " + line + " "), m);
    assertTrue(m.contains(phrase), m);
    assertTrue(m.contains("topology.edge-list"), m);
    assertFalse(m.contains("\n"), m);
  }

  @Test
  void refusesAMissingFile() {
    Path f = dir.resolve("nope.txt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graphs.edgeList(f, 4));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    assertTrue(e.getMessage().contains("nope.txt"), e.getMessage());
  }

  @Test
  void refusesADirectory() {
    assertThrows(IllegalArgumentException.class, () -> Graphs.edgeList(dir, 4));
  }

  @Test
  void refusesAFileThatIsNotText() throws IOException {
    Path f = dir.resolve("binary.bin");
    Files.write(f, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graphs.edgeList(f, 4));
    assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
