package dbo.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dbo.report.Curves.Curve;
import dbo.report.Curves.XAxis;
import dbo.report.Curves.YAxis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes {@code report/} into a result directory: PNG plots (XChart) of test accuracy, estimation error,
 * hypergradient norm and consensus error against gradient evaluations, wall time and communication rounds,
 * one line per algorithm (median over seeds with a min-max band in a grid), and {@code index.html} that
 * shows them with the run's outcome, key manifest facts and a summary table. Reads only
 * {@code metrics.csv}, {@code manifest.json} and (grids) {@code summary.csv}; needs no Spark.
 *
 * <p>The report is built in a hidden sibling directory and renamed into place, replacing an older
 * {@code report/}.
 */
public final class Report {
  /** The report's directory name inside a result directory. */
  public static final String DIRECTORY = "report";
  /** The page's file name inside {@link #DIRECTORY}. */
  public static final String INDEX = "index.html";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One drawn plot. */
  record Figure(List<String> group, YAxis y, XAxis x, String file, String caption) {}

  private Report() {}

  /**
   * {@link #write} for a run that has finished: a plotting failure must never cost it its results, so it is
   * reported through {@code progress} with the command that rebuilds the report once {@code target} exists.
   *
   * @param staging the result's staging directory, holding its files
   * @param target where the result will be, for the message
   */
  public static void writeOrWarn(Path staging, Path target, java.util.function.Consumer<String> progress) {
    try {
      write(staging);
    } catch (IOException | RuntimeException e) {
      progress.accept("report: not written (" + e.getMessage() + "); rebuild it with jobs/report " + target);
    }
  }

  /**
   * Builds {@code resultDir/report/} (plots and {@code index.html}) from the files of a result directory
   * and returns the path of {@code index.html}.
   *
   * @throws IOException when {@code metrics.csv} is missing or unreadable, or the report cannot be written
   */
  public static Path write(Path resultDir) throws IOException {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    Path metricsFile = resultDir.resolve("metrics.csv");
    if (!Files.isRegularFile(metricsFile)) throw new IOException("no metrics.csv in " + resultDir);
    CsvTable metrics = CsvTable.read(metricsFile);
    Path manifestFile = resultDir.resolve("manifest.json");
    JsonNode manifest = Files.isRegularFile(manifestFile) ? JSON.readTree(manifestFile.toFile()) : null;
    Path summaryFile = resultDir.resolve("summary.csv");
    CsvTable summary = Files.isRegularFile(summaryFile) ? CsvTable.read(summaryFile) : null;

    Path staging = Files.createTempDirectory(resultDir, ".report-");
    try {
      Curves curves = new Curves(metrics);
      List<Figure> figures = plots(curves, staging, baselines(manifest));
      String page = page(resultDir, manifest, summary, curves, figures);
      Files.writeString(staging.resolve(INDEX), page, StandardCharsets.UTF_8);
      Path target = resultDir.resolve(DIRECTORY);
      deleteTree(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      readable(target);
      return target.resolve(INDEX);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
  }

  /** The y metrics that get plots: estimation error and test accuracy only where the table has values. */
  static List<YAxis> metricsToPlot(Curves curves) {
    List<YAxis> out = new ArrayList<>();
    for (YAxis y : YAxis.values()) {
      boolean optional = y == YAxis.ESTIMATION_ERROR || y == YAxis.TEST_ACCURACY;
      if (!optional || curves.hasAny(y)) out.add(y);
    }
    return out;
  }

  /** The manifest's MLlib baselines as reference lines (label with test accuracy); none when absent. */
  static List<Plot.Reference> baselines(JsonNode m) {
    List<Plot.Reference> out = new ArrayList<>();
    if (m == null) return out;
    for (JsonNode b : m.path("baselines")) {
      if (b.path("test_accuracy").isNumber()) {
        out.add(new Plot.Reference(baselineLabel(b.path("baseline").asText()), b.path("test_accuracy").asDouble()));
      }
    }
    return out;
  }

  /** A reader's name for a baseline of {@code baselines.csv}. */
  static String baselineLabel(String name) {
    return switch (name) {
      case "mllib-corrupted-labels" -> "MLlib LR, corrupted labels";
      case "mllib-clean-only" -> "MLlib LR, clean samples only";
      default -> name;
    };
  }

  private static List<Figure> plots(Curves curves, Path dir, List<Plot.Reference> baselines) throws IOException {
    List<Figure> figures = new ArrayList<>();
    List<List<String>> groups = curves.groups();
    for (List<String> group : groups) {
      String groupLabel = groupLabel(curves.groupColumns(), group);
      String prefix = group.isEmpty() ? "" : slug(String.join("_", pairs(curves.groupColumns(), group))) + "--";
      for (YAxis y : metricsToPlot(curves)) {
        for (XAxis x : XAxis.values()) {
          List<Curve> cs = curves.curves(group, x, y);
          String file = prefix + y.id + "-vs-" + x.id + ".png";
          // the varied values only: "key=value" pairs make the title wider than the image
          String title = y.name + " vs " + x.title.replaceAll(" \\(.*", "")
              + (group.isEmpty() ? "" : " (" + String.join(", ", group) + ")");
          List<Plot.Reference> refs = y == YAxis.TEST_ACCURACY ? baselines : List.of();
          if (!Plot.write(dir.resolve(file), title, x.title, y.title + (y.log ? " (log)" : ""), y.log, cs, refs)) continue;
          StringBuilder cap = new StringBuilder(y.name + " against " + x.title);
          if (!groupLabel.isEmpty()) cap.append(", ").append(groupLabel);
          cap.append(y.log ? ". Log scale." : ".");
          figures.add(new Figure(group, y, x, file, cap.toString()));
        }
      }
    }
    return figures;
  }

  // ---------------------------------------------------------------- the page

  private static String page(Path resultDir, JsonNode m, CsvTable summary, Curves curves, List<Figure> figures) {
    boolean grid = m != null && m.has("grid") && m.has("cells");
    StringBuilder b = new StringBuilder();
    String name = resultDir.toAbsolutePath().normalize().getFileName() == null ? resultDir.toString()
        : resultDir.toAbsolutePath().normalize().getFileName().toString();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Html.esc("dbo-spark report: " + name)).append("</title>\n")
        .append("<style>\n").append(Html.CSS).append("</style>\n</head>\n<body>\n");
    b.append("<h1>").append(Html.esc("dbo-spark report: " + name)).append("</h1>\n");
    String outcome = m == null ? "unknown" : text(m, "outcome", "unknown");
    b.append("<p>Outcome: <span class=\"outcome ").append(cssOutcome(outcome)).append("\">").append(Html.esc(outcome))
        .append("</span>");
    if (m != null && m.has("wall_s")) b.append(" &nbsp; total wall time ").append(Html.esc(seconds(m.get("wall_s").asDouble())));
    b.append("</p>\n");
    if (m == null) b.append("<p class=\"note\">manifest.json is missing; only the metrics are shown.</p>\n");

    b.append("<h2>Run</h2>\n<table class=\"facts\">\n");
    for (String[] f : facts(m, grid)) {
      b.append("<tr><th>").append(Html.esc(f[0])).append("</th><td>").append(Html.esc(f[1])).append("</td></tr>\n");
    }
    b.append("</table>\n");

    b.append("<h2>Summary</h2>\n");
    if (grid && summary != null) {
      b.append(gridSummary(m, summary, curves));
    } else if (m != null && m.has("algorithms")) {
      b.append(runSummary(m));
    } else {
      b.append("<p class=\"note\">no summary: the manifest lists no algorithms.</p>\n");
    }

    b.append("<h2>Plots</h2>\n");
    if (figures.isEmpty()) b.append("<p class=\"note\">nothing to plot: metrics.csv has no usable rows.</p>\n");
    int seeds = curves.maxSeeds();
    b.append("<p class=\"note\">One line per algorithm");
    if (seeds > 1) {
      b.append(": the median over ").append(seeds).append(" seeds at each logged iteration (x: the median of the")
          .append(" same seeds' x), with a shaded band from the minimum to the maximum over the seeds");
    }
    b.append(". Errors and norms on a log scale, where zero and empty values are left out. Click a plot for")
        .append(" its full size.</p>\n");
    List<List<String>> groups = curves.groups();
    if (groups.size() > 1) {
      b.append("<nav>");
      for (int i = 0; i < groups.size(); i++) {
        b.append("<a href=\"#group-").append(i).append("\">")
            .append(Html.esc(groupLabel(curves.groupColumns(), groups.get(i)))).append("</a> ");
      }
      b.append("</nav>\n");
    }
    for (int gi = 0; gi < groups.size(); gi++) {
      List<String> group = groups.get(gi);
      if (!group.isEmpty()) {
        b.append("<h3 id=\"group-").append(gi).append("\">")
            .append(Html.esc(groupLabel(curves.groupColumns(), group))).append("</h3>\n");
      }
      // one continuous grid per group (metric by metric): no half-empty rows between metrics
      List<Figure> inGroup = figures.stream().filter(f -> f.group().equals(group)).toList();
      if (inGroup.isEmpty()) continue;
      b.append("<div class=\"plots\">\n");
      for (Figure f : inGroup) {
        b.append("<figure><a href=\"").append(Html.esc(f.file())).append("\"><img src=\"").append(Html.esc(f.file()))
            .append("\" alt=\"").append(Html.esc(f.caption())).append("\" width=\"").append(Plot.WIDTH)
            .append("\" height=\"").append(Plot.HEIGHT).append("\"></a><figcaption>").append(Html.esc(f.caption()))
            .append("</figcaption></figure>\n");
      }
      b.append("</div>\n");
    }
    b.append("<p class=\"note\">Data: <code>metrics.csv</code>, <code>manifest.json</code>")
        .append(grid ? ", <code>summary.csv</code>" : "")
        .append(" in the result directory. Gradient evaluations = grad_f + grad_g + hvp + jvp, summed over agents.</p>\n");
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static List<String[]> facts(JsonNode m, boolean grid) {
    List<String[]> f = new ArrayList<>();
    if (m == null) return f;
    add(f, "tool", text(m, "tool", null));
    add(f, "created", text(m, "created", null));
    if (m.has("command_line")) {
      List<String> parts = new ArrayList<>();
      m.get("command_line").forEach(n -> parts.add(n.asText()));
      add(f, "command line", String.join(" ", parts));
    }
    if (grid) {
      JsonNode g = m.get("grid");
      add(f, "grid", g.path("cells").asText("?") + " cells; seeds " + g.path("seeds").toString() + "; target "
          + g.path("target").asText());
      Iterator<Map.Entry<String, JsonNode>> vary = g.path("vary").fields();
      while (vary.hasNext()) {
        Map.Entry<String, JsonNode> e = vary.next();
        List<String> values = new ArrayList<>();
        e.getValue().forEach(v -> values.add(unquote(v.asText())));
        add(f, "varied: " + e.getKey(), String.join(", ", values));
      }
      TreeMap<String, Integer> runners = new TreeMap<>();
      m.get("cells").forEach(c -> runners.merge(c.path("runner").asText("?"), 1, Integer::sum));
      add(f, "runner", String.join(", ", runners.keySet()));
    } else {
      add(f, "seed", text(m, "seed", null));
      add(f, "runner", text(m, "runner", null));
    }
    JsonNode p = m.get("problem");
    if (p != null) {
      add(f, "problem", p.path("name").asText() + ": " + p.path("agents").asText() + " agents, dim x "
          + p.path("dim_x").asText() + ", dim y " + p.path("dim_y").asText() + ", smoothness L = "
          + number(p.path("smoothness")) + ", x* " + (p.path("solution_known").asBoolean() ? "known" : "unknown"));
    } else {
      JsonNode cp = m.path("config").path("problem");
      if (!cp.isMissingNode()) {
        add(f, "problem", cp.path("type").asText() + ": " + cp.path("agents").asText() + " agents, heterogeneity "
            + cp.path("heterogeneity").asText() + (grid ? " (base configuration; varied keys above override it)" : ""));
      }
    }
    JsonNode t = m.get("topology");
    if (t != null) {
      add(f, "graph of x", graph(t.get("x")));
      add(f, "graph of y, z", graph(t.get("yz")));
    } else {
      JsonNode ct = m.path("config").path("topology");
      if (!ct.isMissingNode()) add(f, "topology", ct.path("type").asText()
          + (grid ? " (base configuration; varied keys above override it)" : ""));
    }
    JsonNode v = m.get("versions");
    if (v != null) {
      List<String> parts = new ArrayList<>();
      v.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
      add(f, "versions", String.join(", ", parts));
    }
    return f;
  }

  private static String runSummary(JsonNode m) {
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
      List<String> cells = new ArrayList<>(List.of(baselineLabel(bl.path("baseline").asText()) + " (baseline)",
          "\u2013", bl.path("iterations").asText("") + " L-BFGS", bl.has("wall_s") ? seconds(bl.get("wall_s").asDouble()) : "",
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
  private static String gridSummary(JsonNode m, CsvTable summary, Curves curves) {
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

  // ---------------------------------------------------------------- helpers

  private static void add(List<String[]> facts, String key, String value) {
    if (value != null && !value.isEmpty()) facts.add(new String[] {key, value});
  }

  private static String graph(JsonNode g) {
    if (g == null || g.isMissingNode() || g.isNull()) return "";
    return g.path("description").asText() + ", " + g.path("edges").asText() + " edges, spectral gap "
        + String.format(Locale.ROOT, "%.4f", g.path("spectral_gap").asDouble());
  }

  private static String text(JsonNode m, String field, String orElse) {
    JsonNode n = m.get(field);
    return n == null || n.isNull() ? orElse : n.asText();
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

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  private static String cssOutcome(String outcome) {
    return switch (outcome) {
      case "converged", "budget", "diverged" -> outcome;
      default -> "unknown";
    };
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static List<String> pairs(List<String> columns, List<String> values) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) out.add(columns.get(i) + "=" + values.get(i));
    return out;
  }

  static String groupLabel(List<String> columns, List<String> values) {
    return String.join(", ", pairs(columns, values));
  }

  /** A file-name-safe form: letters, digits, '.', '_', '-' and '=' only. */
  static String slug(String s) {
    return s.replaceAll("[^A-Za-z0-9._=-]+", "_");
  }

  /** createTempDirectory makes the directory private; a report is as readable as the rest of the result. */
  private static void readable(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: leave the default
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted((a, c) -> c.getNameCount() - a.getNameCount()).toList()) Files.delete(q);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
