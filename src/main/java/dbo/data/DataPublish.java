package dbo.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;

/**
 * Publishes a local data directory ({@link DataDirectory}) to a Hadoop URI, e.g. the HDFS directory a cluster's
 * runs read ({@code jobs/fetch-data DATA_DIR --publish hdfs://namenode:8020/datasets}). The files are copied
 * under a hidden temporary name next to the target and renamed into place when complete, so a reader never
 * sees half a data set; a target that already holds a data set is left alone (the call is idempotent).
 *
 * <p>Usage: {@code DataPublish LOCAL_DIR URI}. Exit code 0 when published (or already there), 2 with a
 * one-line {@code error:} otherwise.
 */
public final class DataPublish {
  private DataPublish() {}

  public static void main(String[] args) {
    try {
      if (args.length != 2) throw new DataFileException("usage: DataPublish LOCAL_DIR URI");
      System.out.println(publish(Path.of(args[0]), args[1]));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Copies the data set in {@code local} to {@code target} (created with its parents), unless {@code target}
   * already holds one; returns a one-line report.
   */
  public static String publish(Path local, String target) {
    if (!DataDirectory.present(local)) {
      throw new DataFileException(local + ": no data set to publish; run jobs/fetch-data first");
    }
    if (Storage.status(target) != null) {
      if (DataDirectory.present(target)) return target + ": already holds a data set, left as it is";
      throw new DataFileException(target + ": exists but holds no data set; remove it or choose another URI");
    }
    org.apache.hadoop.fs.Path to = Storage.path(target);
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(to.getParent(), "." + to.getName() + ".tmp-"
        + UUID.randomUUID());
    FileSystem fs = Storage.fileSystem(target);
    try {
      fs.mkdirs(tmp);
      try (var files = Files.list(local)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toAbsolutePath().toUri()),
              new org.apache.hadoop.fs.Path(tmp, f.getFileName().toString()));
        }
      }
      if (!fs.rename(tmp, to)) throw new IOException("cannot rename " + tmp + " to " + to);
    } catch (IOException | RuntimeException e) {
      try {
        fs.delete(tmp, true);
      } catch (IOException ignored) {
        // The failure to publish is the one to report.
      }
      throw Storage.failure(target, e);
    }
    return target + ": published " + DataDirectory.loadLabels(target).length + " samples from " + local;
  }
}
