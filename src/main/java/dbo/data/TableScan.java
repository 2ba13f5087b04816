package dbo.data;

import dbo.data.TableSource.Format;
import dbo.data.TableSource.Labels;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's pass over a {@link TableSource} ({@link TableSource#scanLabels()}): one streaming pass that
 * checks every line with the same parser as the readers but keeps only each row's line number and label
 * (for IDX: the label file only; for Parquet: each file's label column). Placement needs nothing else, and
 * bad input is refused before a job writes anything.
 */
final class TableScan {
  private final TableSource source;
  private final Format format;
  private final String path;
  private final int features;
  private final int classes;

  TableScan(TableSource source) {
    this.source = source;
    this.format = source.format();
    this.path = source.path();
    this.features = source.features();
    this.classes = source.classes();
  }

  /** The pass itself: every line checked, only line numbers and labels kept. */
  Labels scan() {
    if (format == Format.IDX) {
      if (!Storage.isDirectory(path)) {
        throw new DataFileException(path + ": no such data directory (problem.logistic.data.path); run"
            + " jobs/fetch-data or point it at a directory of IDX files");
      }
      int[] labels = DataDirectory.cachedLabels(path).clone();
      long[] lines = new long[labels.length];
      for (int r = 0; r < lines.length; r++) lines[r] = r;
      int[] values = new int[DataDirectory.CLASSES];
      for (int k = 0; k < values.length; k++) values[k] = k;
      return new Labels(lines, labels, values, 28 * 28);
    }
    if (format == Format.PARQUET) return parquetLabels();
    List<Long> lines = new ArrayList<>();
    List<Integer> raw = new ArrayList<>();
    int width = -1;
    int maxIndex = 0;
    try (BufferedReader in = Storage.reader(path, "problem.logistic.data.path")) {
      String text;
      long line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        int label;
        if (format == Format.LIBSVM) {
          TableLines.Sparse s = TableLines.libsvm(path, line, text, features);
          if (s == null) continue;
          label = s.label();
          maxIndex = Math.max(maxIndex, s.maxIndex());
        } else {
          TableLines.Dense d = TableLines.csv(path, line, text, width);
          if (d == null) continue;
          if (width < 0) width = d.values().length + 1;
          label = d.label();
        }
        lines.add(line - 1);
        raw.add(label);
      }
    } catch (IOException e) {
      throw Storage.failure(path, e);
    }
    if (raw.isEmpty()) throw new DataFileException(path + ": no samples; the file is empty or only a header");
    int d = format == Format.CSV ? width - 1 : features > 0 ? features : Math.max(1, maxIndex);
    return labels(lines.stream().mapToLong(Long::longValue).toArray(), raw.stream().mapToInt(Integer::intValue)
        .toArray(), d);
  }

  /**
   * Parquet: every file's label column, in the order of {@link ParquetTable#files()}; a row's locator in
   * {@link Labels#lines()} is (file index &lt;&lt; {@value TableSource#FILE_SHIFT}) | row in the file, ascending.
   */
  private Labels parquetLabels() {
    ParquetTable table = source.parquet();
    List<String> files = table.files();
    List<Long> lines = new ArrayList<>();
    List<Integer> raw = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      int[] l = table.readFile(files.get(f), false).labels();
      for (int r = 0; r < l.length; r++) {
        lines.add(((long) f << TableSource.FILE_SHIFT) | r);
        raw.add(l[r]);
      }
    }
    if (raw.isEmpty()) throw new DataFileException(path + ": no samples; the Parquet table has no rows");
    return labels(lines.stream().mapToLong(Long::longValue).toArray(), raw.stream().mapToInt(Integer::intValue)
        .toArray(), table.width());
  }

  private Labels labels(long[] lineArray, int[] rawArray, int d) {
    int[] values;
    if (classes > 0) {
      values = new int[classes];
      for (int k = 0; k < classes; k++) values[k] = k;
      for (int r = 0; r < rawArray.length; r++) {
        if (rawArray[r] < 0 || rawArray[r] >= classes) {
          throw new DataFileException(path + (format == Format.PARQUET ? ": row " + (r + 1) : ":" + (lineArray[r] + 1))
              + ": label " + rawArray[r] + " is out of range"
              + " [0, " + classes + ") set by problem.logistic.data.classes; fix the label or set classes = 0 to"
              + " map the distinct labels to classes");
        }
      }
    } else {
      values = ClassLabels.values(rawArray);
    }
    return new Labels(lineArray, ClassLabels.indices(rawArray, values), values, d);
  }
}
