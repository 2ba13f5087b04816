package dbo.report;

import dbo.report.Curves.Curve;
import dbo.report.Curves.XAxis;
import dbo.report.Curves.YAxis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's plots: per group of varied values (one group for a single run), every plotted metric against
 * every x axis, as PNG files, each with its caption for the page.
 */
final class Figures {
  private Figures() {}

  /** One drawn plot. */
  record Figure(List<String> group, YAxis y, XAxis x, String file, String caption) {}

  /** The y metrics that get plots: estimation error and test accuracy only where the table has values. */
  static List<YAxis> metricsToPlot(Curves curves) {
    List<YAxis> out = new ArrayList<>();
    for (YAxis y : YAxis.values()) {
      boolean optional = y == YAxis.ESTIMATION_ERROR || y == YAxis.TEST_ACCURACY;
      if (!optional || curves.hasAny(y)) out.add(y);
    }
    return out;
  }

  /**
   * Draws the plots into {@code dir} and returns those drawn (a plot with no usable point is left out);
   * {@code baselines} are drawn as reference lines on the test-accuracy plots.
   */
  static List<Figure> draw(Curves curves, Path dir, List<Plot.Reference> baselines) throws IOException {
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
}
