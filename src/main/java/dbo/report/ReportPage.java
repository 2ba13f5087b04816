package dbo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layout of the report's {@code index.html}: the outcome, the run's facts from the manifest, the summary
 * table ({@link SummaryTables}) and the plots ({@link Figures}) grouped by varied values.
 */
final class ReportPage {
  private ReportPage() {}

  /**
   * The page of the result directory called {@code name} (as the user finds it: {@link Report#nameOf}); {@code m}
   * (the manifest) and {@code summary} (a grid's summary.csv) may be null, and the page says what is missing.
   */
  static String html(String name, JsonNode m, CsvTable summary, Curves curves, List<Figures.Figure> figures) {
    boolean grid = m != null && m.has("grid") && m.has("cells");
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Html.esc("dbo-spark report: " + name)).append("</title>\n")
        .append("<style>\n").append(Html.CSS).append("</style>\n</head>\n<body>\n");
    b.append("<h1>").append(Html.esc("dbo-spark report: " + name)).append("</h1>\n");
    String outcome = m == null ? "unknown" : text(m, "outcome", "unknown");
    b.append("<p>Outcome: <span class=\"outcome ").append(cssOutcome(outcome)).append("\">").append(Html.esc(outcome))
        .append("</span>");
    if (m != null && m.has("wall_s")) b.append(" &nbsp; total wall time ").append(Html.esc(SummaryTables.seconds(m.get("wall_s").asDouble())));
    b.append("</p>\n");
    if (m == null) b.append("<p class=\"note\">manifest.json is missing; only the metrics are shown.</p>\n");

    b.append("<h2>Run</h2>\n<table class=\"facts\">\n");
    for (String[] f : facts(m, grid)) {
      b.append("<tr><th>").append(Html.esc(f[0])).append("</th><td>").append(Html.esc(f[1])).append("</td></tr>\n");
    }
    b.append("</table>\n");

    b.append("<h2>Summary</h2>\n");
    if (grid && summary != null) {
      b.append(SummaryTables.gridSummary(m, summary, curves));
    } else if (m != null && m.has("algorithms")) {
      b.append(SummaryTables.runSummary(m));
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
            .append(Html.esc(Figures.groupLabel(curves.groupColumns(), groups.get(i)))).append("</a> ");
      }
      b.append("</nav>\n");
    }
    for (int gi = 0; gi < groups.size(); gi++) {
      List<String> group = groups.get(gi);
      if (!group.isEmpty()) {
        b.append("<h3 id=\"group-").append(gi).append("\">")
            .append(Html.esc(Figures.groupLabel(curves.groupColumns(), group))).append("</h3>\n");
      }
      // one continuous grid per group (metric by metric): no half-empty rows between metrics
      List<Figures.Figure> inGroup = figures.stream().filter(f -> f.group().equals(group)).toList();
      if (inGroup.isEmpty()) continue;
      b.append("<div class=\"plots\">\n");
      for (Figures.Figure f : inGroup) {
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
        e.getValue().forEach(v -> values.add(SummaryTables.unquote(v.asText())));
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
          + SummaryTables.number(p.path("smoothness")) + ", x* " + (p.path("solution_known").asBoolean() ? "known" : "unknown"));
    } else {
      JsonNode cp = m.path("config").path("problem");
      if (!cp.isMissingNode()) {
        add(f, "problem", cp.path("type").asText() + ": " + cp.path("agents").asText() + " agents, heterogeneity "
            + cp.path("heterogeneity").asText() + (grid ? " (base configuration; varied keys above override it)" : ""));
      }
    }
    JsonNode t = m.get("topology");
    if (t != null) {
      add(f, "graph of x", SummaryTables.graph(t.get("x")));
      add(f, "graph of y, z", SummaryTables.graph(t.get("yz")));
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

  private static void add(List<String[]> facts, String key, String value) {
    if (value != null && !value.isEmpty()) facts.add(new String[] {key, value});
  }

  private static String text(JsonNode m, String field, String orElse) {
    JsonNode n = m.get(field);
    return n == null || n.isNull() ? orElse : n.asText();
  }

  private static String cssOutcome(String outcome) {
    return switch (outcome) {
      case "converged", "budget", "diverged" -> outcome;
      default -> "unknown";
    };
  }
}
