package dbo.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A labelled feature table on disk ({@code problem.logistic.data}), read three ways that agree bit for bit:
 *
 * <ul>
 *   <li>{@link #scanLabels()}, on the driver ({@link TableScan}): one streaming pass that checks every line
 *       with the same parser as the readers but keeps only each row's line number and label (for IDX: the
 *       label file only). Placement needs nothing else, and bad input is refused before a job writes
 *       anything.</li>
 *   <li>{@link #read()}: the plain readers ({@link LibsvmReader}, {@link CsvReader}, {@link DataDirectory},
 *       {@link ParquetTable}), the whole table in one JVM (the in-process runner), cached once per JVM.</li>
 *   <li>{@link #rowsByAgent}: Spark reads the file on the executors ({@link SparkTableRead}) and keys each
 *       needed row by its agent; features never reach the driver.</li>
 * </ul>
 *
 * <p>{@link #assemble} and {@link #select} turn either path's rows into one agent's {@link Dataset} with
 * the driver's labels.
 *
 * @param format idx (a {@link DataDirectory}: MNIST / Fashion-MNIST), libsvm, csv (label first) or parquet
 * @param path the directory (idx), the file, or (parquet) a file or directory of {@code *.parquet} files: a
 *     plain local path or a Hadoop URI ({@code hdfs://...}, {@code file:/...}), opened through {@link Storage}
 * @param features d for LIBSVM (0 = the largest index in the file); ignored for csv (the width) and idx
 * @param classes K: 0 = the sorted distinct labels become classes 0..K-1; K > 0 = labels must be integers
 *     in [0, K)
 * @param labelColumn parquet only: the label column
 * @param featureColumns parquet only: the feature columns (numbers, vectors or arrays); empty = all but the
 *     label
 */
public record TableSource(Format format, String path, int features, int classes, String labelColumn,
                          List<String> featureColumns) implements Serializable {
  private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();

  /** The supported file formats. */
  public enum Format {
    IDX, LIBSVM, CSV, PARQUET;
  }

  /** A text or IDX table (no Parquet columns). */
  public TableSource(Format format, String path, int features, int classes) {
    this(format, path, features, classes, "label", List.of());
  }

  public TableSource {
    labelColumn = labelColumn == null ? "label" : labelColumn;
    featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
    if (format == null) throw new IllegalArgumentException("problem.logistic.data.format is missing");
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("problem.logistic.data.path is empty; set it to the data file (libsvm,"
          + " csv) or directory (idx)");
    }
    if (features < 0 || classes < 0) {
      throw new IllegalArgumentException("problem.logistic.data.features = " + features + ", classes = " + classes
          + "; allowed: integers >= 0 (0 = infer from the file)");
    }
  }

  /**
   * What the driver keeps of a table: per row (in file order) its 0-based line number and class index,
   * the source label of each class, and the number of features d.
   */
  public record Labels(long[] lines, int[] labels, int[] classValues, int features) implements Serializable {
    public int rows() {
      return labels.length;
    }
  }

  /** The driver's pass over the table ({@link TableScan}): every line checked, only line numbers and labels kept. */
  public Labels scanLabels() {
    return new TableScan(this).scan();
  }

  /** The Parquet table's columns. */
  public ParquetTable parquet() {
    return new ParquetTable(path, labelColumn, featureColumns);
  }

  /** Bits of a Parquet row locator that hold the row within its file. */
  static final int FILE_SHIFT = 40;

  /** The whole table with the plain readers, once per JVM (and file modification time). */
  public Dataset read() {
    String key = format + "|" + features + "|" + Storage.uri(path) + "@" + Storage.modified(path);
    return CACHE.computeIfAbsent(key, k -> switch (format) {
      case IDX -> DataDirectory.cached(path);
      case LIBSVM -> LibsvmReader.read(path, features);
      case CSV -> CsvReader.read(path);
      case PARQUET -> readParquet();
    });
  }

  /** The whole Parquet table in this JVM, files in order, each file's rows in order. */
  private Dataset readParquet() {
    ParquetTable table = parquet();
    int d = table.width();
    List<ParquetTable.Rows> parts = new ArrayList<>();
    int n = 0;
    for (String f : table.files()) {
      ParquetTable.Rows rows = table.readFile(f, true);
      checkWidth(f, rows, d);
      parts.add(rows);
      n += rows.labels().length;
    }
    float[] v = new float[n * d];
    int[] raw = new int[n];
    int at = 0;
    for (ParquetTable.Rows rows : parts) {
      System.arraycopy(rows.features(), 0, v, at * d, rows.labels().length * d);
      System.arraycopy(rows.labels(), 0, raw, at, rows.labels().length);
      at += rows.labels().length;
    }
    int[] values = ClassLabels.values(raw);
    return Dataset.ofFloats(path, v, n, d, ClassLabels.indices(raw, values), values);
  }

  /** Every Parquet file of a table has the first file's width d (the plain and the Spark read both check). */
  static void checkWidth(String file, ParquetTable.Rows rows, int d) {
    if (rows.labels().length > 0 && rows.width() != d) {
      throw new DataFileException(file + ": rows have " + rows.width() + " features, the table's first file " + d
          + "; every file needs the same feature columns");
    }
  }

  /** One row's features as read by Spark: floats (LIBSVM, CSV) or pixels (IDX), with its row number. */
  public record Row(int row, float[] values, byte[] pixels) implements Serializable {}

  /**
   * The rows some agent needs, read on the executors ({@link SparkTableRead}) and keyed by agent
   * (partitioned by {@code partitioner}); a row's number is its position in {@link Labels#lines()}. Rows
   * whose agent is negative are not read into the result.
   *
   * @param labels the driver's scan (its line numbers locate the rows in the file)
   * @param agentOfRow per row, the agent that holds it, or -1
   */
  public JavaPairRDD<Integer, Row> rowsByAgent(JavaSparkContext jsc, Labels labels, int[] agentOfRow,
                                               Partitioner partitioner) {
    return SparkTableRead.rowsByAgent(this, jsc, labels, agentOfRow, partitioner);
  }

  /** The rows of one agent (any order) as a data set in ascending row order, with the driver's labels. */
  public static Dataset assemble(String name, List<Row> rows, int[] rowIds, Labels labels) {
    Row[] byId = rows.toArray(new Row[0]);
    Arrays.sort(byId, (a, b) -> Integer.compare(a.row(), b.row()));
    int d = labels.features();
    int m = rowIds.length;
    int[] l = new int[m];
    boolean pixels = byId.length > 0 && byId[0].pixels() != null;
    byte[] px = pixels ? new byte[m * d] : null;
    float[] v = pixels ? null : new float[m * d];
    for (int k = 0; k < m; k++) {
      int at = Arrays.binarySearch(byId, new Row(rowIds[k], null, null), (a, b) -> Integer.compare(a.row(), b.row()));
      if (at < 0) throw new IllegalStateException(name + ": row " + rowIds[k] + " was not read");
      if (pixels) {
        System.arraycopy(byId[at].pixels(), 0, px, k * d, d);
      } else {
        System.arraycopy(byId[at].values(), 0, v, k * d, d);
      }
      l[k] = labels.labels()[rowIds[k]];
    }
    return pixels ? Dataset.ofPixels(name, px, m, d, l, labels.classValues().length)
        : Dataset.ofFloats(name, v, m, d, l, labels.classValues());
  }

  /** The given rows of a plain-read table, with the driver's labels (so both paths use the same labels). */
  public static Dataset select(Dataset data, int[] rowIds, Labels labels) {
    Dataset sub = data.subset(rowIds);
    int[] l = new int[rowIds.length];
    for (int k = 0; k < l.length; k++) l[k] = labels.labels()[rowIds[k]];
    int d = labels.features();
    if (sub.isPixels()) {
      return Dataset.ofPixels(data.name(), sub.pixelBytes(), rowIds.length, d, l, labels.classValues().length);
    }
    // Float tables: feature() widens float to double, so the cast back is exact.
    float[] v = new float[rowIds.length * d];
    for (int k = 0; k < rowIds.length; k++) {
      for (int j = 0; j < d; j++) v[k * d + j] = (float) sub.feature(k, j);
    }
    return Dataset.ofFloats(data.name(), v, rowIds.length, d, l, labels.classValues());
  }
}
