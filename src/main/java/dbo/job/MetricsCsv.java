package dbo.job;

import dbo.runtime.MetricsRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes metric rows as CSV with a header; NaN (a metric that does not apply) is an empty field. */
public final class MetricsCsv {
  private MetricsCsv() {}

  public static void write(Path file, List<MetricsRow> rows) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", MetricsRow.COLUMNS));
      w.write('\n');
      for (MetricsRow r : rows) {
        StringBuilder line = new StringBuilder();
        for (Object v : r.values()) {
          if (line.length() > 0) line.append(',');
          line.append(field(v));
        }
        w.write(line.append('\n').toString());
      }
    }
  }

  static String field(Object v) {
    if (v instanceof Double d) return d.isNaN() ? "" : Double.toString(d);
    if (v instanceof String s) {
      return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
    return String.valueOf(v);
  }
}
