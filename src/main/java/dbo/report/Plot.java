package dbo.report;

import dbo.report.Curves.Curve;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws one chart (XChart) of curves, one line per algorithm with its band over seeds, as a PNG. */
final class Plot {
  static final int WIDTH = 960;
  static final int HEIGHT = 600;

  /** Tableau 10: distinguishable, and readable on white. */
  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    new Color(188, 189, 34), new Color(23, 190, 207)};
  /**
   * Dash patterns cycled with the colours: algorithms that coincide (SLDBO and SPARKLE-GT often do) then
   * show as a line of alternating colours instead of one hiding the other.
   */
  private static final float[][] DASHES = {null, {10f, 6f}, {3f, 4f}, {14f, 4f, 3f, 4f}};

  private Plot() {}

  /** A horizontal reference line across the plotted x range (e.g. a baseline's test accuracy). */
  record Reference(String label, double y) {}

  /** Writes the chart; returns false (and writes nothing) when no curve has a point. */
  static boolean write(Path png, String title, String xTitle, String yTitle, boolean logY, List<Curve> curves)
      throws IOException {
    return write(png, title, xTitle, yTitle, logY, curves, List.of());
  }

  /** As above, with horizontal {@code references} drawn grey and dotted across the curves' x range. */
  static boolean write(Path png, String title, String xTitle, String yTitle, boolean logY, List<Curve> curves,
                       List<Reference> references) throws IOException {
    boolean any = false;
    for (Curve c : curves) any |= !c.isEmpty();
    if (!any) return false;
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    var st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(new Color(160, 160, 160));
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setChartTitleBoxVisible(false);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    // beside the plot, one label a line: a row under it runs off the image with seven algorithms
    st.setLegendPosition(LegendPosition.OutsideE);
    st.setLegendLayout(LegendLayout.Vertical);
    st.setLegendBorderColor(Color.WHITE);
    st.setLegendSeriesLineLength(28);
    st.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
    st.setMarkerSize(7);
    st.setYAxisLogarithmic(logY);
    // a log axis over less than two decades gets labels between the powers of ten too (else one or two labels)
    if (logY) st.setYAxisLogarithmicDecadeOnly(decades(curves) >= 2);
    st.setYAxisDecimalPattern(logY ? "0E0" : "0.###");
    st.setXAxisDecimalPattern(xPattern(curves));
    st.setAntiAlias(true);
    st.setToolTipsEnabled(false);

    int k = 0;
    for (Curve c : curves) {
      Color color = PALETTE[k % PALETTE.length];
      float[] dash = DASHES[k % DASHES.length];
      k++;
      if (c.isEmpty()) continue;
      if (c.x().length > 1 && c.hasBand()) {
        int n = c.x().length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
          px[i] = c.x()[i];
          py[i] = c.hi()[i];
          px[2 * n - 1 - i] = c.x()[i];
          py[2 * n - 1 - i] = c.lo()[i];
        }
        XYSeries band = chart.addSeries(c.algorithm() + " (min-max)", px, py);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 45));
        band.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
      }
      XYSeries line = chart.addSeries(c.algorithm(), c.x(), c.y());
      line.setLineColor(color);
      line.setLineStyle(dash == null ? new BasicStroke(2.2f)
          : new BasicStroke(2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
      // a lone point would be invisible as a line
      line.setMarker(c.x().length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      line.setMarkerColor(color);
    }
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    for (Curve c : curves) {
      for (double v : c.x()) {
        xLo = Math.min(xLo, v);
        xHi = Math.max(xHi, v);
      }
    }
    Color[] greys = {new Color(90, 90, 90), new Color(150, 150, 150)};
    int r = 0;
    for (Reference ref : references) {
      if (!Double.isFinite(ref.y()) || (logY && ref.y() <= 0)) continue;
      XYSeries line = chart.addSeries(ref.label(), new double[] {xLo, xHi}, new double[] {ref.y(), ref.y()});
      Color grey = greys[r++ % greys.length];
      line.setLineColor(grey);
      line.setLineStyle(new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
          r % 2 == 1 ? new float[] {2f, 3f} : new float[] {8f, 4f}, 0f));
      line.setMarker(SeriesMarkers.NONE);
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
    return true;
  }

  private static double decades(List<Curve> curves) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (Curve c : curves) {
      for (int i = 0; i < c.x().length; i++) {
        lo = Math.min(lo, Math.min(c.y()[i], c.lo()[i]));
        hi = Math.max(hi, Math.max(c.y()[i], c.hi()[i]));
      }
    }
    return hi > 0 && lo > 0 ? Math.log10(hi / lo) : 0;
  }

  /** Plain integers up to a million, scientific notation beyond (gradient evaluations grow large). */
  private static String xPattern(List<Curve> curves) {
    double max = 0;
    for (Curve c : curves) for (double v : c.x()) max = Math.max(max, Math.abs(v));
    if (max >= 1e6) return "0.##E0";
    if (max >= 100) return "#,##0";
    return "0.##";
  }
}
