package dbo.job.tools;

import dbo.job.output.BadInputException;
import dbo.job.output.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dbo.report.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a suite compares: the final value of every chosen metric per (run, grid cell, algorithm), read
 * from the runs' {@code metrics.csv} by column name, and the reference file that stores them
 * ({@code references/<suite>.json}) together with the software versions, machine and date that produced
 * them.
 */
public final class ReproduceReference {
  private ReproduceReference() {}

  /**
   * One compared number.
   *
   * @param cell the grid cell ("seed=1 topology_type=full ..."), empty for a run that is not a grid
   * @param value NaN where the metric does not apply
   */
  public record Value(String run, String cell, String algorithm, String metric, double value) {
    /** What identifies the value across a reference and a measurement. */
    public String key() {
      return run + "\u0000" + cell + "\u0000" + algorithm + "\u0000" + metric;
    }
  }

  /**
   * The final row of every (cell, algorithm) of each run's {@code OUT/<run>/metrics.csv}: the columns before
   * {@code algorithm} identify a grid cell, rows are in iteration order, so the last row of a group is its
   * final iteration.
   */
  public static List<Value> measure(ReproduceSuite suite, Path out) throws IOException {
    List<Value> values = new ArrayList<>();
    for (ReproduceSuite.Run run : suite.runs()) {
      Path csv = out.resolve(run.name()).resolve("metrics.csv");
      if (!Files.isRegularFile(csv)) {
        throw new BadInputException(csv + " does not exist; run the suite (without --reuse) to produce run " + run.name());
      }
      CsvTable t = CsvTable.read(csv);
      int alg = t.column("algorithm");
      int[] cols = new int[suite.metrics().size()];
      for (int m = 0; m < cols.length; m++) {
        String metric = suite.metrics().get(m);
        if (!t.has(metric)) {
          throw new BadInputException("suite " + suite.name() + ": metric " + metric + " is not a column of " + csv
              + " (columns: " + String.join(", ", t.header()) + "); fix reproduce.metrics");
        }
        cols[m] = t.column(metric);
      }
      Map<String, String[]> last = new LinkedHashMap<>();
      for (String[] row : t.rows()) {
        last.put(cell(t.header(), row, alg) + "\u0000" + row[alg], row);
      }
      if (last.isEmpty()) throw new BadInputException(csv + " has no rows; the run wrote no metrics");
      for (String[] row : last.values()) {
        String cell = cell(t.header(), row, alg);
        for (int m = 0; m < cols.length; m++) {
          values.add(new Value(run.name(), cell, row[alg], suite.metrics().get(m), CsvTable.number(row[cols[m]])));
        }
      }
    }
    return values;
  }

  private static String cell(List<String> header, String[] row, int algorithmColumn) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < algorithmColumn; i++) {
      if (b.length() > 0) b.append(' ');
      b.append(header.get(i)).append('=').append(row[i]);
    }
    return b.toString();
  }

  /** Writes the reference of {@code suite}: provenance first, then one entry per value (NaN as null). */
  public static void write(Path file, ReproduceSuite suite, List<Value> values, List<String> commandLine)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("suite", suite.name());
    m.put("description", suite.description());
    m.put("created", Instant.now().toString());
    m.put("command_line", commandLine);
    m.put("versions", Versions.all());
    m.put("processors", Runtime.getRuntime().availableProcessors());
    Map<String, String> tolerances = new LinkedHashMap<>();
    suite.tolerances().forEach((k, v) -> tolerances.put(k, v.toString()));
    m.put("tolerances_when_recorded", tolerances);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Value v : values) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("run", v.run());
      e.put("cell", v.cell());
      e.put("algorithm", v.algorithm());
      e.put("metric", v.metric());
      e.put("value", Double.isNaN(v.value()) ? null : v.value());
      entries.add(e);
    }
    m.put("values", entries);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), m);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a reference file; a missing or unreadable one is bad input that says how to create it. */
  public static List<Value> read(Path file, String suite) {
    String fix = "; record it with jobs/reproduce " + suite + " --update-reference";
    if (!Files.isRegularFile(file)) throw new BadInputException("suite " + suite + " has no reference (" + file + ")" + fix);
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new BadInputException(file + " is not a readable reference (" + e.getMessage().lines().findFirst().orElse("")
          + ")" + fix);
    }
    JsonNode entries = root == null ? null : root.get("values");
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      throw new BadInputException(file + " holds no values" + fix);
    }
    List<Value> out = new ArrayList<>();
    for (JsonNode e : entries) {
      for (String k : List.of("run", "cell", "algorithm", "metric", "value")) {
        if (!e.has(k)) throw new BadInputException(file + ": an entry lacks \"" + k + "\" (" + e + ")" + fix);
      }
      JsonNode v = e.get("value");
      if (!v.isNull() && !v.isNumber()) throw new BadInputException(file + ": value " + v + " is not a number" + fix);
      out.add(new Value(e.get("run").asText(), e.get("cell").asText(), e.get("algorithm").asText(),
          e.get("metric").asText(), v.isNull() ? Double.NaN : v.asDouble()));
    }
    return out;
  }
}
