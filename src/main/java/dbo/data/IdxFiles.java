package dbo.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a big-endian header,
 * then unsigned bytes.
 *
 * <pre>
 *   images: magic 0x00000803, int32 n, int32 rows, int32 cols, then n * rows * cols bytes (row-major)
 *   labels: magic 0x00000801, int32 n, then n bytes
 * </pre>
 * Files may be plain or gzip-compressed (as distributed, e.g. {@code train-images-idx3-ubyte.gz}); gzip is
 * detected by its magic bytes 0x1f 0x8b, not by the name. Every failure is a {@link DataFileException}
 * whose one-line message names the file, what is wrong and the fix.
 */
public final class IdxFiles {
  /** Magic number of an IDX file of unsigned-byte 3-tensors (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned-byte vectors (labels). */
  public static final int LABELS_MAGIC = 0x00000801;
  private static final String FIX = "; download it again or run jobs/fetch-data";

  private IdxFiles() {}

  /** Images: a row-major (n x rows*cols) byte table with its shape. */
  public record Images(byte[] pixels, int count, int rows, int cols) {
    public int features() {
      return rows * cols;
    }
  }

  /** Reads an IDX image file (plain or gzip) from the local disk. */
  public static Images readImages(Path file) {
    return readImages(file.toString());
  }

  /** Reads an IDX image file (plain or gzip) at a location {@link Storage} opens (a plain path or a Hadoop URI). */
  public static Images readImages(String location) {
    try (DataInputStream in = open(location)) {
      return decodeImages(location, in);
    } catch (IOException e) {
      throw ioFailure(location, e);
    }
  }

  /**
   * Reads an IDX image file (plain or gzip) from a stream that the caller opened and closes, e.g. a Spark
   * {@code binaryFiles} record; {@code name} is the file named in errors.
   */
  public static Images readImages(String name, InputStream raw) {
    try {
      BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
      return decodeImages(name, new DataInputStream(unzipped(buffered)));
    } catch (IOException e) {
      throw ioFailure(name, e);
    }
  }

  private static Images decodeImages(Object file, DataInputStream in) throws IOException {
    try {
      int magic = header(file, in, IMAGES_MAGIC, "image");
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n < 0 || rows < 1 || cols < 1 || (long) n * rows * cols > Integer.MAX_VALUE - 8) {
        throw new DataFileException(file + ": IDX header says " + n + " images of " + rows + " x " + cols
            + ", which is not a valid size (corrupted header)" + FIX);
      }
      byte[] pixels = new byte[n * rows * cols];
      fill(file, in, pixels, "images (" + n + " x " + rows + " x " + cols + " bytes)");
      trailing(file, in, magic);
      return new Images(pixels, n, rows, cols);
    } catch (EOFException e) {
      throw new DataFileException(file + ": truncated IDX header" + FIX, e);
    }
  }

  /**
   * Reads an IDX label file (plain or gzip); every label must be in [0, classes).
   */
  public static int[] readLabels(Path file, int classes) {
    return readLabels(file.toString(), classes);
  }

  /** {@link #readLabels(Path, int)} at a location {@link Storage} opens (a plain path or a Hadoop URI). */
  public static int[] readLabels(String file, int classes) {
    try (DataInputStream in = open(file)) {
      int magic = header(file, in, LABELS_MAGIC, "label");
      int n = in.readInt();
      if (n < 0) {
        throw new DataFileException(file + ": IDX header says " + n + " labels (corrupted header)" + FIX);
      }
      byte[] raw = new byte[n];
      fill(file, in, raw, "labels (" + n + " bytes)");
      trailing(file, in, magic);
      int[] labels = new int[n];
      for (int s = 0; s < n; s++) {
        labels[s] = raw[s] & 0xFF;
        if (labels[s] >= classes) {
          throw new DataFileException(file + ": label " + labels[s] + " of item " + s + " is out of range [0, "
              + classes + ") (corrupted file or not a " + classes + "-class label file)" + FIX);
        }
      }
      return labels;
    } catch (EOFException e) {
      throw new DataFileException(file + ": truncated IDX header" + FIX, e);
    } catch (IOException e) {
      throw ioFailure(file, e);
    }
  }

  /** Reads an image file and its label file into a pixel {@link Dataset}, checking that the counts agree. */
  public static Dataset read(Path images, Path labels, int classes) {
    return read(images.toString(), labels.toString(), classes);
  }

  /** {@link #read(Path, Path, int)} at locations {@link Storage} opens; the data set is named for the directory. */
  public static Dataset read(String images, String labels, int classes) {
    Images im = readImages(images);
    int[] l = readLabels(labels, classes);
    if (l.length != im.count()) {
      throw new DataFileException(labels + ": " + l.length + " labels for " + im.count() + " images in " + images
          + "; the two files must come from the same set (e.g. train-images with train-labels)");
    }
    int slash = images.lastIndexOf('/');
    return Dataset.ofPixels(slash <= 0 ? images : images.substring(0, slash), im.pixels(), im.count(), im.features(),
        l, classes);
  }

  /** Writes images (row-major bytes, count x rows x cols) as IDX; gzip-compressed when {@code gzip}. */
  public static void writeImages(Path file, byte[] pixels, int count, int rows, int cols, boolean gzip)
      throws IOException {
    if ((long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(pixels.length + " bytes are not " + count + " x " + rows + " x " + cols);
    }
    try (DataOutputStream out = create(file, gzip)) {
      out.writeInt(IMAGES_MAGIC);
      out.writeInt(count);
      out.writeInt(rows);
      out.writeInt(cols);
      out.write(pixels);
    }
  }

  /** Writes labels (each in [0, 255]) as IDX; gzip-compressed when {@code gzip}. */
  public static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
    try (DataOutputStream out = create(file, gzip)) {
      out.writeInt(LABELS_MAGIC);
      out.writeInt(labels.length);
      for (int l : labels) {
        if (l < 0 || l > 255) throw new IllegalArgumentException("label " + l + " does not fit in a byte");
        out.writeByte(l);
      }
    }
  }

  private static DataOutputStream create(Path file, boolean gzip) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    return new DataOutputStream(new BufferedOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16));
  }

  private static DataInputStream open(String file) {
    if (Storage.status(file) == null) {
      throw new DataFileException(file + ": no such file; run jobs/fetch-data or point the data directory at"
          + " the IDX files");
    }
    InputStream raw = Storage.open(file);
    try {
      BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
      return new DataInputStream(unzipped(buffered));
    } catch (IOException e) {
      try {
        raw.close();
      } catch (IOException ignored) {
        // The read failure is the one to report.
      }
      throw ioFailure(file, e);
    }
  }

  /** The stream itself, or its gzip decoding when it starts with the gzip magic bytes. */
  private static InputStream unzipped(BufferedInputStream buffered) throws IOException {
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    return (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
  }

  private static int header(Object file, DataInputStream in, int expected, String kind) throws IOException {
    int magic = in.readInt();
    if (magic != expected) {
      String what = magic == IMAGES_MAGIC ? " (an image file)" : magic == LABELS_MAGIC ? " (a label file)" : "";
      throw new DataFileException(String.format("%s: wrong IDX magic 0x%08x%s, expected 0x%08x for an %s file;"
          + " check that the path names the %s file and that it is not corrupted", file, magic, what, expected,
          kind, kind));
    }
    return magic;
  }

  private static void fill(Object file, DataInputStream in, byte[] target, String what) throws IOException {
    int at = 0;
    while (at < target.length) {
      int r;
      try {
        r = in.read(target, at, target.length - at);
      } catch (EOFException e) {
        r = -1; // a gzip stream cut short
      }
      if (r < 0) {
        throw new DataFileException(file + ": truncated: the header announces " + what + " but the file ends after "
            + at + " of them" + FIX);
      }
      at += r;
    }
  }

  private static void trailing(Object file, DataInputStream in, int magic) throws IOException {
    if (in.read() >= 0) {
      throw new DataFileException(file + ": size mismatch: bytes follow the " + (magic == IMAGES_MAGIC ? "images"
          : "labels") + " the header announces (corrupted or concatenated file)" + FIX);
    }
  }

  private static DataFileException ioFailure(String file, IOException e) {
    if (e instanceof ZipException || e instanceof EOFException) {
      return new DataFileException(file + ": corrupted or truncated gzip stream (" + e.getMessage() + ")" + FIX, e);
    }
    return Storage.failure(file, e);
  }
}
