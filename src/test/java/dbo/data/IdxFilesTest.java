package dbo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {
  @TempDir Path dir;

  private static byte[] pixels(int n, int side) {
    byte[] p = new byte[n * side * side];
    for (int i = 0; i < p.length; i++) p[i] = (byte) (i * 37 % 256);
    return p;
  }

  @Test
  void plainAndGzipRoundTrip() throws IOException {
    byte[] p = pixels(5, 3);
    int[] labels = {0, 9, 3, 3, 7};
    for (boolean gzip : new boolean[] {false, true}) {
      Path images = dir.resolve("im" + gzip);
      Path lab = dir.resolve("lab" + gzip);
      IdxFiles.writeImages(images, p, 5, 3, 3, gzip);
      IdxFiles.writeLabels(lab, labels, gzip);
      byte[] head = Arrays.copyOf(Files.readAllBytes(images), 2);
      assertEquals(gzip, head[0] == (byte) 0x1f && head[1] == (byte) 0x8b);
      Dataset d = IdxFiles.read(images, lab, 10);
      assertEquals(5, d.rows());
      assertEquals(9, d.features());
      assertArrayEquals(labels, d.labels());
      assertEquals((p[4] & 0xFF) / 255.0, d.feature(0, 4));
      assertEquals((p[9 + 2] & 0xFF) / 255.0, d.feature(1, 2));
      double[] block = d.columnMajor(new int[] {4, 1}, true);
      assertEquals(2 * 10, block.length);
      assertEquals(d.feature(4, 5), block[0 + 5 * 2]);
      assertEquals(d.feature(1, 5), block[1 + 5 * 2]);
      assertEquals(1.0, block[1 + 9 * 2]);
    }
  }

  @Test
  void wrongMagicNamesTheFile() throws IOException {
    Path lab = dir.resolve("labels");
    IdxFiles.writeLabels(lab, new int[] {1, 2}, false);
    DataFileException e = assertThrows(DataFileException.class, () -> IdxFiles.readImages(lab));
    assertTrue(e.getMessage().startsWith(lab + ": wrong IDX magic 0x00000801 (a label file)"), e.getMessage());
    Path junk = dir.resolve("junk");
    Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertTrue(assertThrows(DataFileException.class, () -> IdxFiles.readLabels(junk, 10)).getMessage()
        .contains("wrong IDX magic"));
  }

  @Test
  void truncatedFilesAreRefused() throws IOException {
    Path images = dir.resolve("images");
    IdxFiles.writeImages(images, pixels(4, 4), 4, 4, 4, false);
    byte[] all = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(all, all.length - 5));
    DataFileException e = assertThrows(DataFileException.class, () -> IdxFiles.readImages(images));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("fetch-data"), e.getMessage());
    Files.write(images, Arrays.copyOf(all, 6));
    assertTrue(assertThrows(DataFileException.class, () -> IdxFiles.readImages(images)).getMessage()
        .contains("truncated IDX header"));

    Path gz = dir.resolve("images.gz");
    IdxFiles.writeImages(gz, pixels(40, 28), 40, 28, 28, true);
    byte[] zipped = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(zipped, zipped.length / 2));
    String msg = assertThrows(DataFileException.class, () -> IdxFiles.readImages(gz)).getMessage();
    assertTrue(msg.startsWith(gz + ":") && (msg.contains("truncated") || msg.contains("corrupted")), msg);
  }

  @Test
  void corruptedGzipIsRefused() throws IOException {
    Path gz = dir.resolve("labels.gz");
    IdxFiles.writeLabels(gz, new int[200], true);
    byte[] zipped = Files.readAllBytes(gz);
    for (int i = 12; i < zipped.length - 8; i++) zipped[i] ^= 0x5a;
    Files.write(gz, zipped);
    String msg = assertThrows(DataFileException.class, () -> IdxFiles.readLabels(gz, 10)).getMessage();
    assertTrue(msg.startsWith(gz + ":"), msg);
  }

  @Test
  void sizeMismatchAndLabelRangeAreRefused() throws IOException {
    Path lab = dir.resolve("labels");
    ByteBuffer b = ByteBuffer.allocate(8 + 4).putInt(IdxFiles.LABELS_MAGIC).putInt(3);
    b.put((byte) 1).put((byte) 2).put((byte) 3).put((byte) 4);
    Files.write(lab, b.array());
    assertTrue(assertThrows(DataFileException.class, () -> IdxFiles.readLabels(lab, 10)).getMessage()
        .contains("size mismatch"));

    IdxFiles.writeLabels(lab, new int[] {1, 12}, true);
    String msg = assertThrows(DataFileException.class, () -> IdxFiles.readLabels(lab, 10)).getMessage();
    assertTrue(msg.contains("label 12 of item 1 is out of range [0, 10)"), msg);

    Path images = dir.resolve("images");
    IdxFiles.writeImages(images, pixels(3, 2), 3, 2, 2, false);
    IdxFiles.writeLabels(lab, new int[] {1, 2}, false);
    assertTrue(assertThrows(DataFileException.class, () -> IdxFiles.read(images, lab, 10)).getMessage()
        .contains("2 labels for 3 images"));
  }

  @Test
  void missingFileSaysHowToGetIt() {
    Path none = dir.resolve("none.gz");
    String msg = assertThrows(DataFileException.class, () -> IdxFiles.readImages(none)).getMessage();
    assertTrue(msg.contains("no such file") && msg.contains("jobs/fetch-data"), msg);
  }

  @Test
  void dataDirectoryLoadsCompactAndOfficialLayouts() throws IOException {
    Path compact = dir.resolve("compact");
    Files.createDirectories(compact);
    IdxFiles.writeImages(compact.resolve(DataDirectory.IMAGES), pixels(4, 28), 4, 28, 28, true);
    IdxFiles.writeLabels(compact.resolve(DataDirectory.LABELS), new int[] {0, 1, 2, 3}, true);
    assertTrue(DataDirectory.present(compact));
    assertEquals(4, DataDirectory.load(compact).rows());
    assertArrayEquals(new int[] {0, 1, 2, 3}, DataDirectory.loadLabels(compact));
    assertEquals(DataDirectory.cached(compact).rows(), 4);

    Path official = dir.resolve("official");
    Files.createDirectories(official);
    IdxFiles.writeImages(official.resolve("train-images-idx3-ubyte.gz"), pixels(3, 28), 3, 28, 28, true);
    IdxFiles.writeLabels(official.resolve("train-labels-idx1-ubyte.gz"), new int[] {5, 6, 7}, true);
    IdxFiles.writeImages(official.resolve("t10k-images-idx3-ubyte"), pixels(2, 28), 2, 28, 28, false);
    IdxFiles.writeLabels(official.resolve("t10k-labels-idx1-ubyte"), new int[] {8, 9}, false);
    Dataset d = DataDirectory.load(official);
    assertArrayEquals(new int[] {5, 6, 7, 8, 9}, d.labels());
    assertArrayEquals(new int[] {5, 6, 7, 8, 9}, DataDirectory.loadLabels(official));

    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    assertTrue(assertThrows(DataFileException.class, () -> DataDirectory.load(empty)).getMessage()
        .contains("run jobs/fetch-data"));
  }
}
