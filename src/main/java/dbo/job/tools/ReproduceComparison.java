package dbo.job.tools;

import dbo.job.output.MetricsCsv;
import dbo.job.tools.ReproduceReference.Value;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reference against measurement, value by value. Every reference value must be measured and within its
 * metric's tolerance ("pass"); a value outside is "FAIL", a reference value the run no longer produces is
 * "MISSING" and a measured value the reference does not hold is "NEW" (the suite changed without
 * {@code --update-reference}). Only "pass" passes.
 */
public final class ReproduceComparison {

  /** One line of the table; {@code reference} or {@code measured} is null when absent. */
  public record Line(String run, String cell, String algorithm, String metric, Double reference, Double measured,
      ReproduceTolerance tolerance, String verdict) {
    public boolean passed() {
      return verdict.equals("pass");
    }
  }

  private final List<Line> lines;

  private ReproduceComparison(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /**
   * Compares in the reference's order, then lists measured values the reference lacks. A metric without a
   * tolerance in {@code tolerances} (dropped from the suite since the reference was recorded) is compared
   * exactly.
   */
  public static ReproduceComparison of(List<Value> reference, List<Value> measured,
      Map<String, ReproduceTolerance> tolerances) {
    Map<String, Value> byKey = new LinkedHashMap<>();
    for (Value v : measured) byKey.put(v.key(), v);
    List<Line> out = new ArrayList<>();
    for (Value r : reference) {
      ReproduceTolerance t = tolerances.getOrDefault(r.metric(), ReproduceTolerance.exact());
      Value m = byKey.remove(r.key());
      if (m == null) {
        out.add(new Line(r.run(), r.cell(), r.algorithm(), r.metric(), r.value(), null, t, "MISSING"));
      } else {
        out.add(new Line(r.run(), r.cell(), r.algorithm(), r.metric(), r.value(), m.value(), t,
            t.accepts(r.value(), m.value()) ? "pass" : "FAIL"));
      }
    }
    for (Value m : byKey.values()) {
      ReproduceTolerance t = tolerances.getOrDefault(m.metric(), ReproduceTolerance.exact());
      out.add(new Line(m.run(), m.cell(), m.algorithm(), m.metric(), null, m.value(), t, "NEW"));
    }
    return new ReproduceComparison(out);
  }

  /** The lines of a fresh recording: every measured value with verdict "recorded" (for printing). */
  public static ReproduceComparison recorded(List<Value> measured, Map<String, ReproduceTolerance> tolerances) {
    List<Line> out = new ArrayList<>();
    for (Value m : measured) {
      out.add(new Line(m.run(), m.cell(), m.algorithm(), m.metric(), m.value(), m.value(),
          tolerances.getOrDefault(m.metric(), ReproduceTolerance.exact()), "recorded"));
    }
    return new ReproduceComparison(out);
  }

  public List<Line> lines() {
    return lines;
  }

  public long failures() {
    return lines.stream().filter(l -> !l.passed()).count();
  }

  public boolean passed() {
    return failures() == 0;
  }

  /**
   * A fixed-width table: run / cell / algorithm / metric / reference / measured / tolerance / verdict, every
   * line or (with {@code onlyFailures}) only those that did not pass.
   */
  public String table(boolean onlyFailures) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"run", "cell", "algorithm", "metric", "reference", "measured", "tolerance", "verdict"});
    for (Line l : lines) {
      if (onlyFailures && l.passed()) continue;
      rows.add(new String[] {l.run(), l.cell().isEmpty() ? "-" : l.cell(), l.algorithm(), l.metric(),
          shown(l.reference()), shown(l.measured()), l.tolerance().toString(), l.verdict()});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        boolean numeric = i == 4 || i == 5;
        String f = numeric ? "%" + width[i] + "s" : "%-" + width[i] + "s";
        b.append(String.format(Locale.ROOT, f, r[i])).append(i + 1 < r.length ? "  " : "");
      }
      b.append('\n');
    }
    return b.toString().stripTrailing();
  }

  /** One line for logs: how many values passed and which failed first. */
  public String summary(String suite) {
    long fail = failures();
    String s = String.format(Locale.ROOT, "reproduce %s: %d values, %d pass, %d not", suite, lines.size(),
        lines.size() - fail, fail);
    if (fail == 0) return s + ": REPRODUCED";
    Line first = lines.stream().filter(l -> !l.passed()).findFirst().orElseThrow();
    return s + ": REGRESSION (first: " + first.run() + (first.cell().isEmpty() ? "" : " " + first.cell()) + " "
        + first.algorithm() + " " + first.metric() + " " + first.verdict() + ")";
  }

  /** Writes every line as CSV (full double precision) for later inspection. */
  public void writeCsv(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("run,cell,algorithm,metric,reference,measured,tolerance,verdict\n");
      for (Line l : lines) {
        w.write(String.join(",", MetricsCsv.field(l.run()), MetricsCsv.field(l.cell()), MetricsCsv.field(l.algorithm()),
            MetricsCsv.field(l.metric()), raw(l.reference()), raw(l.measured()), MetricsCsv.field(l.tolerance().toString()),
            l.verdict()) + "\n");
      }
    }
  }

  /** Integers as integers, other numbers with 7 significant digits, NaN as "n/a", absent as "-". */
  static String shown(Double v) {
    if (v == null) return "-";
    if (v.isNaN()) return "n/a";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString(v.longValue());
    return String.format(Locale.ROOT, "%.6e", v);
  }

  private static String raw(Double v) {
    return v == null || v.isNaN() ? "" : Double.toString(v);
  }
}
