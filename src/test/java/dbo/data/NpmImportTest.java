package dbo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converter on tiny files shaped like the two npm packages' JSON. */
class NpmImportTest {
  @TempDir Path dir;

  private static String flatUnit(int images, int seed) {
    StringJoiner j = new StringJoiner(",", "{ \"data\": [", "]}");
    for (int i = 0; i < images * NpmImport.PIXELS; i++) {
      int b = (i * 31 + seed) % 256;
      j.add(String.format(java.util.Locale.ROOT, "%.3f", b / 255.0).replaceAll("0+$", "").replaceAll("\\.$", ""));
    }
    return j.toString();
  }

  private static String nestedBytes(int images, int seed) {
    StringJoiner outer = new StringJoiner(",", "{\"data\":[", ",[]]}");
    for (int s = 0; s < images; s++) {
      StringJoiner row = new StringJoiner(",", "[", "]");
      for (int i = 0; i < NpmImport.PIXELS; i++) row.add(Integer.toString((i + s + seed) % 256));
      outer.add(row.toString());
    }
    return outer.toString();
  }

  @Test
  void convertsBothPackageShapesExactly() throws IOException {
    Path mnist = dir.resolve("mnist/package/src/digits");
    Path fashion = dir.resolve("fashion/package/src/clothes");
    Files.createDirectories(mnist);
    Files.createDirectories(fashion);
    for (int k = 0; k < 10; k++) {
      Files.writeString(mnist.resolve(k + ".json"), flatUnit(1 + k % 2, k));
      Files.writeString(fashion.resolve(k + ".json"), nestedBytes(2, k));
    }
    Dataset m = NpmImport.convert(NpmImport.Kind.MNIST, dir.resolve("mnist/package"));
    assertEquals(15, m.rows());
    assertArrayEquals(new int[] {1, 2, 1, 2, 1, 2, 1, 2, 1, 2}, m.classCounts());
    assertEquals((7 * 31 + 0) % 256 / 255.0, m.feature(0, 7), 1e-15);

    Dataset f = NpmImport.convert(NpmImport.Kind.FASHION_MNIST, dir.resolve("fashion/package"));
    assertEquals(20, f.rows());
    assertEquals(3, f.label(7));
    assertEquals((5 + 1 + 3) % 256 / 255.0, f.feature(7, 5), 1e-15);

    Path out = dir.resolve("data/fashion-mnist");
    NpmImport.write(f, out, "test");
    Dataset back = DataDirectory.load(out);
    assertArrayEquals(f.labels(), back.labels());
    assertArrayEquals(f.columnMajor(new int[] {0, 19}, false), back.columnMajor(new int[] {0, 19}, false));
    assertThrows(DataFileException.class, () -> NpmImport.write(f, out, "again"));
  }

  @Test
  void refusesImagesOfTheWrongSize() throws IOException {
    Path p = dir.resolve("3.json");
    Files.writeString(p, "{\"data\":[[1,2,3]]}");
    String msg = assertThrows(DataFileException.class,
        () -> NpmImport.parse(p, false, new java.io.ByteArrayOutputStream())).getMessage();
    assertTrue(msg.startsWith(p + ": an image of 3 pixels"), msg);
    Files.writeString(p, "{\"data\":[0.5,0.2");
    assertThrows(DataFileException.class, () -> NpmImport.parse(p, true, new java.io.ByteArrayOutputStream()));
  }
}
