package dbo.data;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet feature table ({@code problem.logistic.data.format = parquet}): a label column and feature
 * columns, each either numeric (one feature) or a Spark ML vector / an array of numbers (its entries).
 *
 * <p>Every reader (the driver's label scan, the in-process runner, the Spark executors) goes through
 * {@link #readFile} with parquet-hadoop's record reader, so all three see the same values in the same order:
 * the data files sorted by name ({@link #files}), then the rows in file order. Features are stored as
 * float32, as for CSV and LIBSVM.
 *
 * @param path a Parquet file or a directory of them (as Spark writes: {@code part-*.parquet}; names
 *     starting with {@code _} or {@code .} are skipped); a plain local path or a Hadoop URI ({@link Storage})
 * @param labelColumn the label column (integral values)
 * @param featureColumns the feature columns in order; empty = every column but the label, in schema order
 */
public record ParquetTable(String path, String labelColumn, List<String> featureColumns) implements Serializable {
  public ParquetTable {
    if (labelColumn == null || labelColumn.isBlank()) {
      throw new IllegalArgumentException("problem.logistic.data.label-column is empty; name the label column");
    }
    featureColumns = List.copyOf(featureColumns);
  }

  /** The data files, sorted by name: a single file, or a directory's {@code *.parquet} files. */
  public List<String> files() {
    org.apache.hadoop.fs.FileStatus status = Storage.status(path);
    if (status == null) {
      throw new DataFileException(path + ": no such Parquet file or directory (problem.logistic.data.path);"
          + " check the path");
    }
    if (status.isFile()) return List.of(path);
    List<String> out = Storage.list(path).stream()
        .filter(n -> n.endsWith(".parquet") && !n.startsWith("_") && !n.startsWith("."))
        .map(n -> Storage.child(path, n)).toList();
    if (out.isEmpty()) throw new DataFileException(path + ": no .parquet files in the directory; check the path");
    return out;
  }

  /** One file's rows: raw labels and, when asked, the features (row-major, d per row). */
  public record Rows(int[] labels, float[] features, int width) {}

  /**
   * Reads one file in row order.
   *
   * @param withFeatures false = labels only (the driver's scan)
   */
  public Rows readFile(String file, boolean withFeatures) {
    return readFile(file, withFeatures, Long.MAX_VALUE);
  }

  /** The number of features d: the width of the first row of the first file (reads one row). */
  public int width() {
    return readFile(files().get(0), true, 1).width();
  }

  private Rows readFile(String file, boolean withFeatures, long maxRows) {
    List<Integer> labels = new ArrayList<>();
    FloatList values = new FloatList();
    int width = -1;
    long row = 0;
    if (Storage.status(file) == null) {
      throw new DataFileException(file + ": no such Parquet file (problem.logistic.data.path); check the path");
    }
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), Storage.path(file))
        .withConf(Storage.conf()).build()) {
      Group g;
      while (row < maxRows && (g = reader.read()) != null) {
        row++;
        GroupType schema = g.getType();
        if (!schema.containsField(labelColumn)) {
          throw new DataFileException(file + ": no label column \"" + labelColumn + "\"; set"
              + " problem.logistic.data.label-column to one of " + names(schema));
        }
        labels.add(label(file, row, g));
        if (!withFeatures) continue;
        int before = values.size;
        List<String> columns = featureColumns.isEmpty() ? others(schema) : featureColumns;
        for (String c : columns) {
          if (!schema.containsField(c)) {
            throw new DataFileException(file + ": no feature column \"" + c + "\"; fix"
                + " problem.logistic.data.feature-columns (columns: " + names(schema) + ")");
          }
          append(file, row, g, c, values);
        }
        int w = values.size - before;
        if (width < 0) width = w;
        if (w != width || w == 0) {
          throw new DataFileException(file + ": row " + row + " has " + w + " features, the first row " + width
              + "; every row needs the same number (> 0) of features");
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataFileException d) throw d;
      DataFileException storage = Storage.failure(file, e);
      if (!storage.getMessage().startsWith(file + ": cannot read (")) throw storage;
      throw new DataFileException(file + ": cannot read as Parquet (" + e.getMessage() + ")", e);
    }
    int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
    return new Rows(l, withFeatures ? values.toArray() : null, Math.max(width, 0));
  }

  private List<String> others(GroupType schema) {
    List<String> out = new ArrayList<>();
    for (Type t : schema.getFields()) if (!t.getName().equals(labelColumn)) out.add(t.getName());
    return out;
  }

  private static String names(GroupType schema) {
    return schema.getFields().stream().map(Type::getName).toList().toString();
  }

  private int label(String file, long row, Group g) {
    if (g.getFieldRepetitionCount(labelColumn) == 0) {
      throw new DataFileException(file + ": row " + row + " has no label; drop or fill the row");
    }
    double v = number(g, labelColumn, 0);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new DataFileException(file + ": row " + row + ": label " + v + " is not an integer; class labels must"
          + " be integers");
    }
    return (int) v;
  }

  /** A numeric field as a double (exact for int32, float, double; int64 beyond 2^53 rounds). */
  private static double number(Group g, String field, int index) {
    Type t = g.getType().getType(field);
    if (!t.isPrimitive()) throw new IllegalArgumentException("column " + field + " is not numeric");
    return switch (t.asPrimitiveType().getPrimitiveTypeName()) {
      case INT32 -> g.getInteger(field, index);
      case INT64 -> g.getLong(field, index);
      case FLOAT -> g.getFloat(field, index);
      case DOUBLE -> g.getDouble(field, index);
      case BOOLEAN -> g.getBoolean(field, index) ? 1 : 0;
      default -> throw new IllegalArgumentException("column " + field + " has type "
          + t.asPrimitiveType().getPrimitiveTypeName() + ", not a number");
    };
  }

  /** Appends column {@code c}: a number, a Spark ML vector (dense or sparse) or a list of numbers. */
  private static void append(String file, long row, Group g, String c, FloatList out) {
    if (g.getFieldRepetitionCount(c) == 0) {
      throw new DataFileException(file + ": row " + row + ": column " + c + " is null; fill or drop the row");
    }
    Type t = g.getType().getType(c);
    if (t.isPrimitive()) {
      out.add((float) number(g, c, 0));
      return;
    }
    Group v = g.getGroup(c, 0);
    GroupType vt = v.getType();
    if (vt.containsField("type") && vt.containsField("values")) { // Spark ML VectorUDT
      double[] values = list(v, "values");
      if (v.getInteger("type", 0) == 1) {
        for (double x : values) out.add((float) x);
      } else {
        int size = v.getInteger("size", 0);
        double[] idx = list(v, "indices");
        float[] dense = new float[size];
        for (int k = 0; k < idx.length; k++) dense[(int) idx[k]] = (float) values[k];
        for (float x : dense) out.add(x);
      }
      return;
    }
    for (double x : elements(v)) out.add((float) x);
  }

  /** A LIST field of numbers inside {@code g} (null = empty). */
  private static double[] list(Group g, String field) {
    if (g.getFieldRepetitionCount(field) == 0) return new double[0];
    return elements(g.getGroup(field, 0));
  }

  /** The numbers of a LIST group (the standard three-level layout: repeated group list { element }). */
  private static double[] elements(Group list) {
    String repeated = list.getType().getType(0).getName();
    int n = list.getFieldRepetitionCount(repeated);
    double[] out = new double[n];
    if (list.getType().getType(0).isPrimitive()) { // the legacy two-level layout: repeated double array
      for (int k = 0; k < n; k++) out[k] = number(list, repeated, k);
      return out;
    }
    for (int k = 0; k < n; k++) {
      Group e = list.getGroup(repeated, k);
      String name = e.getType().getType(0).getName();
      out[k] = number(e, name, 0);
    }
    return out;
  }

  /** A growable float array. */
  private static final class FloatList {
    float[] data = new float[64];
    int size;

    void add(float v) {
      if (size == data.length) data = java.util.Arrays.copyOf(data, size * 2);
      data[size++] = v;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
