package dbo.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.input.PortableDataStream;
import scala.Tuple2;

/**
 * A labelled feature table on disk ({@code problem.logistic.data}), read three ways that agree bit for bit:
 *
 * <ul>
 *   <li>{@link #scanLabels()}, on the driver: one streaming pass that checks every line with the same
 *       parser as the readers but keeps only each row's line number and label (for IDX: the label file
 *       only). Placement needs nothing else, and bad input is refused before a job writes anything.</li>
 *   <li>{@link #read()}: the plain readers ({@link LibsvmReader}, {@link CsvReader}, {@link DataDirectory},
 *       {@link ParquetTable}), the whole table in one JVM (the in-process runner), cached once per JVM.</li>
 *   <li>{@link #rowsByAgent}: Spark reads the file on the executors ({@code textFile} with the
 *       {@link TableLines} parser for LIBSVM and CSV, {@code binaryFiles} and {@link IdxFiles} for IDX, one
 *       task per file with {@link ParquetTable#readFile} for Parquet) and keys each needed row by its agent;
 *       features never reach the driver.</li>
 * </ul>
 *
 * @param format idx (a {@link DataDirectory}: MNIST / Fashion-MNIST), libsvm, csv (label first) or parquet
 * @param path the directory (idx), the file, or (parquet) a file or directory of {@code *.parquet} files
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

  /** The driver's pass over the table: every line checked, only line numbers and labels kept. */
  public Labels scanLabels() {
    if (format == Format.IDX) {
      Path dir = Path.of(path);
      if (!Files.isDirectory(dir)) {
        throw new DataFileException(path + ": no such data directory (problem.logistic.data.path); run"
            + " jobs/fetch-data or point it at a directory of IDX files");
      }
      int[] labels = DataDirectory.cachedLabels(dir).clone();
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
    try (BufferedReader in = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
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
    } catch (NoSuchFileException e) {
      throw new DataFileException(path + ": no such file (problem.logistic.data.path); check the path", e);
    } catch (IOException e) {
      throw new DataFileException(path + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (raw.isEmpty()) throw new DataFileException(path + ": no samples; the file is empty or only a header");
    int d = format == Format.CSV ? width - 1 : features > 0 ? features : Math.max(1, maxIndex);
    return labels(lines.stream().mapToLong(Long::longValue).toArray(), raw.stream().mapToInt(Integer::intValue)
        .toArray(), d);
  }

  /** The Parquet table's columns. */
  public ParquetTable parquet() {
    return new ParquetTable(path, labelColumn, featureColumns);
  }

  /**
   * Parquet: every file's label column, in the order of {@link ParquetTable#files()}; a row's locator in
   * {@link Labels#lines()} is (file index &lt;&lt; {@value #FILE_SHIFT}) | row in the file, ascending.
   */
  private Labels parquetLabels() {
    ParquetTable table = parquet();
    List<Path> files = table.files();
    List<Long> lines = new ArrayList<>();
    List<Integer> raw = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      int[] l = table.readFile(files.get(f), false).labels();
      for (int r = 0; r < l.length; r++) {
        lines.add(((long) f << FILE_SHIFT) | r);
        raw.add(l[r]);
      }
    }
    if (raw.isEmpty()) throw new DataFileException(path + ": no samples; the Parquet table has no rows");
    return labels(lines.stream().mapToLong(Long::longValue).toArray(), raw.stream().mapToInt(Integer::intValue)
        .toArray(), table.width());
  }

  /** Bits of a Parquet row locator that hold the row within its file. */
  static final int FILE_SHIFT = 40;

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

  /** The whole table with the plain readers, once per JVM (and file modification time). */
  public Dataset read() {
    String key = format + "|" + features + "|" + Path.of(path).toAbsolutePath().normalize() + "@" + stamp();
    return CACHE.computeIfAbsent(key, k -> switch (format) {
      case IDX -> DataDirectory.cached(Path.of(path));
      case LIBSVM -> LibsvmReader.read(Path.of(path), features);
      case CSV -> CsvReader.read(Path.of(path));
      case PARQUET -> readParquet();
    });
  }

  /** The whole Parquet table in this JVM, files in order, each file's rows in order. */
  private Dataset readParquet() {
    ParquetTable table = parquet();
    int d = table.width();
    List<ParquetTable.Rows> parts = new ArrayList<>();
    int n = 0;
    for (Path f : table.files()) {
      ParquetTable.Rows rows = table.readFile(f, true);
      checkWidth(f.toString(), rows, d);
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

  private static void checkWidth(String file, ParquetTable.Rows rows, int d) {
    if (rows.labels().length > 0 && rows.width() != d) {
      throw new DataFileException(file + ": rows have " + rows.width() + " features, the table's first file " + d
          + "; every file needs the same feature columns");
    }
  }

  private long stamp() {
    try {
      return Files.getLastModifiedTime(Path.of(path)).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  /** One row's features as read by Spark: floats (LIBSVM, CSV) or pixels (IDX), with its row number. */
  public record Row(int row, float[] values, byte[] pixels) implements Serializable {}

  /**
   * The rows some agent needs, read on the executors and keyed by agent (partitioned by
   * {@code partitioner}); a row's number is its position in {@link Labels#lines()}. Rows whose agent is
   * negative are not read into the result.
   *
   * @param labels the driver's scan (its line numbers locate the rows in the file)
   * @param agentOfRow per row, the agent that holds it, or -1
   */
  public JavaPairRDD<Integer, Row> rowsByAgent(JavaSparkContext jsc, Labels labels, int[] agentOfRow,
                                               Partitioner partitioner) {
    Broadcast<long[]> lines = jsc.broadcast(labels.lines());
    Broadcast<int[]> owners = jsc.broadcast(agentOfRow);
    String file = path;
    int d = labels.features();
    Format f = format;
    JavaPairRDD<Integer, Row> keyed;
    if (format == Format.IDX) {
      List<JavaPairRDD<Integer, Row>> parts = new ArrayList<>();
      for (DataDirectory.ImageFile image : DataDirectory.imageFiles(Path.of(path))) {
        int first = image.firstRow();
        String name = image.path().toString();
        JavaPairRDD<String, PortableDataStream> bytes = jsc.binaryFiles(image.path().toUri().toString(), 1);
        parts.add(bytes.flatMapToPair(t -> {
          IdxFiles.Images images;
          try (java.io.DataInputStream in = t._2.open()) {
            images = IdxFiles.readImages(name, in);
          }
          int width = images.features();
          List<Tuple2<Integer, Row>> out = new ArrayList<>();
          int[] own = owners.value();
          for (int s = 0; s < images.count(); s++) {
            int row = first + s;
            if (row >= own.length || own[row] < 0) continue;
            byte[] px = Arrays.copyOfRange(images.pixels(), s * width, (s + 1) * width);
            out.add(new Tuple2<>(own[row], new Row(row, null, px)));
          }
          return out.iterator();
        }));
      }
      keyed = parts.get(0);
      for (int k = 1; k < parts.size(); k++) keyed = keyed.union(parts.get(k));
    } else if (format == Format.PARQUET) {
      ParquetTable table = parquet();
      List<String> files = table.files().stream().map(Path::toString).toList();
      List<Integer> indices = new ArrayList<>();
      for (int k = 0; k < files.size(); k++) indices.add(k);
      keyed = jsc.parallelize(indices, files.size()).flatMapToPair(fileIndex -> {
        String name = files.get(fileIndex);
        ParquetTable.Rows rows = table.readFile(Path.of(name), true);
        checkWidth(name, rows, d);
        List<Tuple2<Integer, Row>> out = new ArrayList<>();
        for (int r = 0; r < rows.labels().length; r++) {
          int row = Arrays.binarySearch(lines.value(), ((long) fileIndex << FILE_SHIFT) | r);
          if (row < 0 || owners.value()[row] < 0) continue;
          out.add(new Tuple2<>(owners.value()[row], new Row(row, Arrays.copyOfRange(rows.features(), r * d,
              (r + 1) * d), null)));
        }
        return out.iterator();
      });
    } else {
      JavaRDD<String> text = jsc.textFile(Path.of(path).toUri().toString());
      keyed = text.zipWithIndex().flatMapToPair(t -> {
        int row = Arrays.binarySearch(lines.value(), t._2);
        List<Tuple2<Integer, Row>> out = new ArrayList<>(1);
        if (row < 0 || owners.value()[row] < 0) return out.iterator();
        long line = t._2 + 1;
        float[] values = f == Format.LIBSVM ? TableLines.libsvm(file, line, t._1, d).dense(d)
            : TableLines.csv(file, line, t._1, d + 1).values();
        out.add(new Tuple2<>(owners.value()[row], new Row(row, values, null)));
        return out.iterator();
      });
    }
    return keyed.partitionBy(partitioner);
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
