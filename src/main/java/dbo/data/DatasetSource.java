package dbo.data;

import java.io.Serializable;

/**
 * Where a problem's data set comes from, small enough to travel inside a problem spec: a data directory
 * read where the spec is used (each Spark executor reads the files once, {@link DataDirectory#cached}), or
 * a data set already in memory (tests, small tables; it then travels with the spec).
 */
public sealed interface DatasetSource extends Serializable {
  /** The whole data set. */
  Dataset dataset();

  /** Every row's class index; may be cheaper than {@link #dataset()}. Callers must not modify it. */
  int[] labels();

  /** Features per row d. */
  int features();

  /** Number of classes K. */
  int classes();

  /** A one-line description for manifests. */
  String describe();

  /** A directory in the layout of {@link DataDirectory} (28 x 28 images, 10 classes). */
  static DatasetSource directory(String path) {
    return new Directory(path);
  }

  /** A data set held in memory. */
  static DatasetSource of(Dataset data) {
    return new InMemory(data);
  }

  /** @param path a directory in the layout of {@link DataDirectory}: a plain local path or a Hadoop URI */
  record Directory(String path) implements DatasetSource {
    public Directory {
      if (path == null || path.isBlank()) throw new IllegalArgumentException("the data directory is missing");
    }

    @Override
    public Dataset dataset() {
      Dataset d = DataDirectory.cached(path);
      if (d.features() != features() || d.classes() != classes()) {
        throw new DataFileException(path + ": images of " + d.features() + " pixels in " + d.classes()
            + " classes; expected 28 x 28 images in 10 classes (MNIST or Fashion-MNIST)");
      }
      return d;
    }

    @Override
    public int[] labels() {
      return DataDirectory.cachedLabels(path);
    }

    @Override
    public int features() {
      return 28 * 28;
    }

    @Override
    public int classes() {
      return DataDirectory.CLASSES;
    }

    @Override
    public String describe() {
      return "directory " + path;
    }
  }

  /** @param data the data set itself */
  record InMemory(Dataset data) implements DatasetSource {
    public InMemory {
      if (data == null) throw new IllegalArgumentException("the data set is missing");
    }

    @Override
    public Dataset dataset() {
      return data;
    }

    @Override
    public int[] labels() {
      return data.labels();
    }

    @Override
    public int features() {
      return data.features();
    }

    @Override
    public int classes() {
      return data.classes();
    }

    @Override
    public String describe() {
      return data.toString();
    }
  }
}
