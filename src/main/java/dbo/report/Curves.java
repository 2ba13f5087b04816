package dbo.report;

import dbo.linalg.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups the rows of a metrics table into runs and turns them into plotted curves.
 *
 * <p>A run is the rows of one algorithm in one cell: the leading columns (those before {@code algorithm};
 * {@code seed} and the varied keys in a grid, none in a single run) fix the cell. Runs that differ only in
 * the seed form one curve: at every logged iteration the curve's y is the median over the seeds that have a
 * usable value there, its band the minimum and maximum of those values, and its x the median of the same
 * seeds' x values.
 */
public final class Curves {
  /** The x axes of the plots. */
  public enum XAxis {
    GRADIENT_EVALUATIONS("gradient_evaluations", "gradient evaluations (grad f + grad g + HVP + JVP)"),
    WALL_TIME("wall_s", "wall time (s)"),
    COMM_ROUNDS("comm_rounds", "communication rounds");

    public final String id;
    public final String title;

    XAxis(String id, String title) {
      this.id = id;
      this.title = title;
    }
  }

  /** The y axes of the plots; errors and norms on a log scale. */
  public enum YAxis {
    ESTIMATION_ERROR("estimation_error", "Estimation error", "estimation error  sum_i ||x_i - x*||^2", true),
    TEST_ACCURACY("test_accuracy", "Test accuracy", "test accuracy", false),
    HYPERGRAD_NORM("hypergrad_norm", "Hypergradient norm", "hypergradient norm  ||(1/n) sum_i u_i||", true),
    CONSENSUS_ERROR("consensus_error", "Consensus error", "consensus error  sum_i ||x_i - xbar||^2", true);

    public final String id;
    public final String name;
    public final String title;
    public final boolean log;

    YAxis(String id, String name, String title, boolean log) {
      this.id = id;
      this.name = name;
      this.title = title;
      this.log = log;
    }
  }

  /** One plotted line: x, the median y and the band [lo, hi] over {@code seeds} seeds. */
  public record Curve(String algorithm, double[] x, double[] y, double[] lo, double[] hi, int seeds) {
    public boolean isEmpty() {
      return x.length == 0;
    }

    /** Whether the band has any width (several seeds that disagree somewhere). */
    public boolean hasBand() {
      for (int i = 0; i < x.length; i++) if (hi[i] > lo[i]) return true;
      return false;
    }
  }

  /** The rows of one algorithm in one seed of one group. */
  private record Run(String seed, List<String[]> rows) {}

  private final CsvTable table;
  private final List<String> groupColumns;
  /** group label values -> algorithm -> runs (one per seed), in order of appearance. */
  private final Map<List<String>, Map<String, List<Run>>> groups = new LinkedHashMap<>();
  private final int algorithmCol;
  private final int iterationCol;

  public Curves(CsvTable table) {
    this.table = table;
    this.algorithmCol = table.column("algorithm");
    this.iterationCol = table.column("iteration");
    List<String> leading = table.header().subList(0, algorithmCol);
    this.groupColumns = new ArrayList<>();
    for (String c : leading) if (!c.equals("seed")) groupColumns.add(c);
    int seedCol = table.header().indexOf("seed");
    for (String[] row : table.rows()) {
      List<String> key = new ArrayList<>();
      for (String c : groupColumns) key.add(row[table.column(c)]);
      String seed = seedCol >= 0 && seedCol < algorithmCol ? row[seedCol] : "";
      List<Run> runs = groups.computeIfAbsent(key, k -> new LinkedHashMap<>())
          .computeIfAbsent(row[algorithmCol], k -> new ArrayList<>());
      Run run = null;
      for (Run r : runs) if (r.seed().equals(seed)) run = r;
      if (run == null) {
        run = new Run(seed, new ArrayList<>());
        runs.add(run);
      }
      run.rows().add(row);
    }
  }

  /** The leading columns other than {@code seed} that tell the groups apart (empty for a single run). */
  public List<String> groupColumns() {
    return groupColumns;
  }

  /** The groups' values of {@link #groupColumns()}, in order of first appearance. */
  public List<List<String>> groups() {
    return new ArrayList<>(groups.keySet());
  }

  /** The largest number of seeds of any algorithm in any group (1 for a single run). */
  public int maxSeeds() {
    int n = 0;
    for (Map<String, List<Run>> g : groups.values()) for (List<Run> r : g.values()) n = Math.max(n, r.size());
    return n;
  }

  /** Whether any row has a usable value of the metric (finite, and positive on a log axis). */
  public boolean hasAny(YAxis y) {
    if (!table.has(y.id)) return false;
    int col = table.column(y.id);
    for (String[] row : table.rows()) if (usable(CsvTable.number(row[col]), y.log)) return true;
    return false;
  }

  /** One curve per algorithm of the group; algorithms without a single usable point give an empty curve. */
  public List<Curve> curves(List<String> group, XAxis x, YAxis y) {
    List<Curve> out = new ArrayList<>();
    Map<String, List<Run>> algs = groups.get(group);
    if (algs == null) throw new IllegalArgumentException("no group " + group);
    for (Map.Entry<String, List<Run>> e : algs.entrySet()) out.add(curve(e.getKey(), e.getValue(), x, y));
    return out;
  }

  private Curve curve(String algorithm, List<Run> runs, XAxis xAxis, YAxis yAxis) {
    int yCol = table.has(yAxis.id) ? table.column(yAxis.id) : -1;
    // iteration -> (x values, y values) over the seeds usable there
    TreeMap<Long, double[][]> byIteration = new TreeMap<>();
    for (int s = 0; s < runs.size(); s++) {
      for (String[] row : runs.get(s).rows()) {
        double xv = x(row, xAxis);
        double yv = yCol < 0 ? Double.NaN : CsvTable.number(row[yCol]);
        if (!Double.isFinite(xv) || !usable(yv, yAxis.log)) continue;
        long it = (long) CsvTable.number(row[iterationCol]);
        double[][] cell = byIteration.computeIfAbsent(it, k -> new double[][] {new double[0], new double[0]});
        cell[0] = append(cell[0], xv);
        cell[1] = append(cell[1], yv);
      }
    }
    int n = byIteration.size();
    double[] xs = new double[n];
    double[] ys = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    int i = 0;
    for (double[][] cell : byIteration.values()) {
      xs[i] = Vectors.median(cell[0]);
      ys[i] = Vectors.median(cell[1]);
      lo[i] = Arrays.stream(cell[1]).min().orElse(Double.NaN);
      hi[i] = Arrays.stream(cell[1]).max().orElse(Double.NaN);
      i++;
    }
    return new Curve(algorithm, xs, ys, lo, hi, runs.size());
  }

  private double x(String[] row, XAxis axis) {
    return switch (axis) {
      case GRADIENT_EVALUATIONS -> CsvTable.number(row[table.column("grad_f")])
          + CsvTable.number(row[table.column("grad_g")]) + CsvTable.number(row[table.column("hvp")])
          + CsvTable.number(row[table.column("jvp")]);
      case WALL_TIME -> CsvTable.number(row[table.column("wall_s")]);
      case COMM_ROUNDS -> CsvTable.number(row[table.column("comm_rounds")]);
    };
  }

  static boolean usable(double v, boolean log) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  private static double[] append(double[] a, double v) {
    double[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

}
