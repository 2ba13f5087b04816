package dbo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LIBSVM and CSV readers. */
class TextTablesTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void libsvmReadsSparseRowsWithOneBasedIndices() throws IOException {
    Path p = file("a.svm", "# comment\n+1 1:0.5 3:2\n-1 2:-1.5   # trailing\n\n+1\n");
    Dataset d = LibsvmReader.read(p, 0);
    assertEquals(3, d.rows());
    assertEquals(3, d.features());
    assertArrayEquals(new int[] {-1, 1}, d.classValues());
    assertArrayEquals(new int[] {1, 0, 1}, d.labels());
    assertEquals(0.5, d.feature(0, 0));
    assertEquals(0.0, d.feature(0, 1));
    assertEquals(2.0, d.feature(0, 2));
    assertEquals(-1.5, d.feature(1, 1));
    assertEquals(5, LibsvmReader.read(p, 5).features());
  }

  @Test
  void libsvmErrorsNameFileAndLine() throws IOException {
    Path zero = file("z.svm", "1 1:1\n2 0:3\n");
    assertTrue(assertThrows(DataFileException.class, () -> LibsvmReader.read(zero, 0)).getMessage()
        .startsWith(zero + ":2: feature index 0 is below 1"));
    Path nan = file("n.svm", "1 1:NaN\n");
    assertTrue(assertThrows(DataFileException.class, () -> LibsvmReader.read(nan, 0)).getMessage()
        .startsWith(nan + ":1: feature 1 has value NaN"));
    Path bad = file("b.svm", "1 1:1\n1 2:1 1:3\n");
    assertTrue(assertThrows(DataFileException.class, () -> LibsvmReader.read(bad, 0)).getMessage()
        .startsWith(bad + ":2:"));
    Path label = file("l.svm", "0.5 1:1\n");
    assertTrue(assertThrows(DataFileException.class, () -> LibsvmReader.read(label, 0)).getMessage()
        .startsWith(label + ":1: label \"0.5\" is not an integer"));
    Path wide = file("w.svm", "1 4:1\n");
    assertTrue(assertThrows(DataFileException.class, () -> LibsvmReader.read(wide, 3)).getMessage()
        .contains("exceeds the 3 features"));
  }

  @Test
  void csvReadsHeaderAndRows() throws IOException {
    Path p = file("t.csv", "label,a,b\n3,0.5,1\n7, 2 ,-1\n");
    Dataset d = CsvReader.read(p);
    assertEquals(2, d.rows());
    assertEquals(2, d.features());
    assertArrayEquals(new int[] {3, 7}, d.classValues());
    assertArrayEquals(new int[] {0, 1}, d.labels());
    assertEquals(2.0, d.feature(1, 0));
    assertEquals(-1.0, d.feature(1, 1));
  }

  @Test
  void csvRefusesNanMissingAndRaggedRows() throws IOException {
    Path nan = file("nan.csv", "1,2,3\n0,NaN,1\n");
    assertTrue(assertThrows(DataFileException.class, () -> CsvReader.read(nan)).getMessage()
        .startsWith(nan + ":2: feature 1 is NaN"));
    Path missing = file("m.csv", "1,2,3\n0,,1\n");
    assertTrue(assertThrows(DataFileException.class, () -> CsvReader.read(missing)).getMessage()
        .startsWith(missing + ":2: feature 1 is \"\""));
    Path ragged = file("r.csv", "1,2,3\n0,1\n");
    assertTrue(assertThrows(DataFileException.class, () -> CsvReader.read(ragged)).getMessage()
        .startsWith(ragged + ":2: 2 fields"));
  }
}
