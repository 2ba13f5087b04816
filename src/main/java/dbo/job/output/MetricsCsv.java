package dbo.job.output;

import dbo.runtime.MetricsRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CSV: metric tables ({@code metrics.csv}) and a grid's {@code summary.csv}. NaN (a metric that does
 * not apply) is an empty field; a string with a comma or quote is quoted.
 */
public final class MetricsCsv {
  private MetricsCsv() {}

  public static void write(Path file, List<MetricsRow> rows) throws IOException {
    write(file, MetricsTable.of(rows));
  }

  /** The table with a header line, lead columns first. */
  public static void write(Path file, MetricsTable table) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", table.header()));
      w.write('\n');
      write(w, table.rows());
    }
  }

  /** One line per record, every field (a header's names too) written by {@link #field}. */
  public static void writeRecords(Path file, List<? extends List<?>> records) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(w, records);
    }
  }

  private static void write(Writer w, List<? extends List<?>> records) throws IOException {
    for (List<?> r : records) {
      StringBuilder line = new StringBuilder();
      for (Object v : r) {
        if (line.length() > 0) line.append(',');
        line.append(field(v));
      }
      w.write(line.append('\n').toString());
    }
  }

  public static String field(Object v) {
    if (v instanceof Double d) return d.isNaN() ? "" : Double.toString(d);
    if (v instanceof String s) {
      return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
    return String.valueOf(v);
  }
}
