package dbo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's summary tables, as HTML: a run's final values per algorithm (from the manifest), a grid's
 * {@code summary.csv} with the outcomes counted from the manifest; and how their values are written.
 */
final class SummaryTables {
  private SummaryTables() {}

  /** A run's final values per algorithm, and its MLlib baselines where the manifest has any. */
  static String runSummary(JsonNode m) {
    // per-algorithm graphs only when some algorithm's differ from the run's (lazy W on EXTRA/ED levels)
    String runGraphs = m.has("topology") ? graph(m.get("topology").get("x")) + " / " + graph(m.get("topology").get("yz")) : "";
    boolean showGraphs = false;
    boolean showMessage = false;
    boolean showFlags = false;
    for (JsonNode a : m.get("algorithms")) {
      showFlags |= a.path("final").path("flag_precision").isNumber() || a.path("final").path("flag_recall").isNumber();
      showGraphs |= a.has("graphs") && !algorithmGraphs(a).equals(runGraphs);
      showMessage |= !a.path("message").asText("").isEmpty();
    }
    StringBuilder b = new StringBuilder("<table>\n");
    List<String> head = new ArrayList<>(List.of("algorithm", "outcome", "iterations", "wall time", "oracle calls",
        "estimation error", "hypergradient norm", "consensus error", "test accuracy"));
    if (showFlags) head.addAll(List.of("flag precision", "flag recall"));
    if (showGraphs) head.add("graphs of x / y,z");
    if (showMessage) head.add("message");
    b.append(Html.row(head, true));
    for (JsonNode a : m.get("algorithms")) {
      JsonNode fin = a.path("final");
      List<String> cells = new ArrayList<>(List.of(a.path("label").asText(), a.path("outcome").asText(),
          a.path("iterations").asText(), a.has("wall_s") ? seconds(a.get("wall_s").asDouble()) : "",
          a.path("totals").path("oracle_calls").asText(""), scientific(fin.path("estimation_error")),
          scientific(fin.path("hypergrad_norm")), scientific(fin.path("consensus_error")),
          number(fin.path("test_accuracy"))));
      if (showFlags) cells.addAll(List.of(number(fin.path("flag_precision")), number(fin.path("flag_recall"))));
      if (showGraphs) cells.add(algorithmGraphs(a));
      if (showMessage) cells.add(a.path("message").asText(""));
      b.append(Html.row(cells, false));
    }
    // MLlib baselines (hyper-cleaning): only the test accuracy applies
    for (JsonNode bl : m.path("baselines")) {
      List<String> cells = new ArrayList<>(List.of(Report.baselineLabel(bl.path("baseline").asText()) + " (baseline)",
          "\u2013", bl.path("iterations").asText("") + " L-BFGS"
              + (bl.path("converged").isBoolean() && !bl.path("converged").asBoolean() ? " (limit; not converged)" : ""), bl.has("wall_s") ? seconds(bl.get("wall_s").asDouble()) : "",
          "\u2013", "\u2013", "\u2013", "\u2013", number(bl.path("test_accuracy"))));
      if (showFlags) cells.addAll(List.of("\u2013", "\u2013"));
      if (showGraphs) cells.add("");
      if (showMessage) cells.add(bl.path("train_samples").asText("") + " training samples");
      b.append(Html.row(cells, false));
    }
    return b.append("</table>\n<p class=\"note\">Final values at the last logged iteration; \u2013 where a metric does not apply."
        + (showFlags ? " Flag precision and recall: of the training samples whose averaged weight sigmoid(x) is below"
            + " 1/2, the fraction with a corrupted label, and of the corrupted samples the fraction flagged." : "")
        + (showGraphs ? "" : " Every algorithm ran on the graphs above.")
        + (m.path("baselines").isEmpty() ? "" : " Baselines: Spark MLlib multinomial logistic regression on the same"
            + " split (baselines.csv), trained on every training sample with its corrupted label, and on the"
            + " clean samples only; drawn as grey dotted lines on the test-accuracy plots.") + "</p>\n").toString();
  }

  private static String algorithmGraphs(JsonNode a) {
    JsonNode g = a.path("graphs");
    return g.isMissingNode() ? "" : graph(g.get("x")) + " / " + graph(g.get("yz"));
  }

  /** summary.csv's rows, with the outcomes of each (varied values, algorithm) counted from the manifest. */
  static String gridSummary(JsonNode m, CsvTable summary, Curves curves) {
    Map<List<String>, TreeMap<String, Integer>> outcomes = new LinkedHashMap<>();
    List<String> groupCols = curves.groupColumns();
    for (JsonNode cell : m.get("cells")) {
      Map<String, String> values = new LinkedHashMap<>();
      for (JsonNode o : cell.path("overrides")) {
        String s = o.asText();
        int eq = s.indexOf('=');
        if (eq > 0) values.put(s.substring(0, eq).trim().replace('.', '_').replace('-', '_'), unquote(s.substring(eq + 1).trim()));
      }
      for (JsonNode a : cell.path("algorithms")) {
        List<String> key = new ArrayList<>();
        for (String c : groupCols) key.add(values.getOrDefault(c, ""));
        key.add(a.path("label").asText());
        outcomes.computeIfAbsent(key, k -> new TreeMap<>()).merge(a.path("outcome").asText(), 1, Integer::sum);
      }
    }
    StringBuilder b = new StringBuilder("<table>\n");
    List<String> head = new ArrayList<>(summary.header());
    head.add("outcomes");
    b.append(Html.row(head, true));
    int alg = summary.header().indexOf("algorithm");
    for (String[] r : summary.rows()) {
      List<String> cells = new ArrayList<>(List.of(r));
      List<String> key = new ArrayList<>();
      for (String c : groupCols) {
        int i = summary.header().indexOf(c);
        key.add(i >= 0 ? r[i] : "");
      }
      key.add(alg >= 0 ? r[alg] : "");
      TreeMap<String, Integer> o = outcomes.get(key);
      List<String> parts = new ArrayList<>();
      if (o != null) o.forEach((k, v) -> parts.add(v + " " + k));
      cells.add(String.join(", ", parts));
      b.append(Html.row(cells, false));
    }
    return b.append("</table>\n<p class=\"note\">From summary.csv: per varied values and algorithm, the seeds run, how many "
        + "reached the target, the median final error (estimation error where x* is known, else hypergradient norm) "
        + "and the median gradient evaluations to reach the target. Outcomes from manifest.json.</p>\n").toString();
  }

  /** A manifest's graph: description, edges, spectral gap; empty when absent. */
  static String graph(JsonNode g) {
    if (g == null || g.isMissingNode() || g.isNull()) return "";
    return g.path("description").asText() + ", " + g.path("edges").asText() + " edges, spectral gap "
        + String.format(Locale.ROOT, "%.4f", g.path("spectral_gap").asDouble());
  }

  /** Errors and norms: always 4 significant digits in scientific notation. */
  static String scientific(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull() || !n.isNumber()) return "\u2013";
    return String.format(Locale.ROOT, "%.4e", n.asDouble());
  }

  static String number(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull() || !n.isNumber()) return "\u2013";
    double v = n.asDouble();
    if (n.isIntegralNumber()) return n.asText();
    if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return String.format(Locale.ROOT, "%.4e", v);
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** Wall time in seconds with two decimals. */
  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  /** A HOCON value without its quotes. */
  static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
