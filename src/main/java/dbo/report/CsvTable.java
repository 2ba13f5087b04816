package dbo.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A CSV file as written by {@code dbo.job.output.MetricsCsv}: a header line, then one record per line; a field
 * that contains a comma or a quote is quoted with doubled inner quotes; an empty field is a metric that does
 * not apply (NaN).
 */
public final class CsvTable {
  private final List<String> header;
  private final List<String[]> rows;

  public CsvTable(List<String> header, List<String[]> rows) {
    this.header = List.copyOf(header);
    this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
  }

  public static CsvTable read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || lines.get(0).isBlank()) throw new IOException(file + " has no header line");
    List<String> header = parseLine(lines.get(0));
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) continue;
      List<String> fields = parseLine(line);
      if (fields.size() != header.size()) {
        throw new IOException(file + " line " + (i + 1) + " has " + fields.size() + " fields, the header "
            + header.size());
      }
      rows.add(fields.toArray(new String[0]));
    }
    return new CsvTable(header, rows);
  }

  /** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
  static List<String> parseLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else if (c != '\r') {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }

  public List<String> header() {
    return header;
  }

  public List<String[]> rows() {
    return rows;
  }

  public boolean has(String column) {
    return header.contains(column);
  }

  /** The index of a column; throws when it is missing. */
  public int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) throw new IllegalArgumentException("no column '" + name + "' (columns: " + header + ")");
    return i;
  }

  /** A numeric field; empty or unparsable is NaN. */
  public static double number(String field) {
    if (field == null || field.isEmpty()) return Double.NaN;
    try {
      return Double.parseDouble(field);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
