package dbo.job.grid;

import dbo.job.output.MetricsCsv;
import dbo.job.output.MetricsTable;
import dbo.linalg.Vectors;
import dbo.runtime.MetricsRow;
import dbo.runtime.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A grid's summary over seeds, one line per (varied values, algorithm): the seeds run, how many reached the
 * grid's target, the median final convergence measure (estimation error where x* is known, else
 * hypergradient norm) and the median gradient evaluations to reach the target (over the seeds that reached
 * it). Written as {@code summary.csv} and printed as a Markdown table.
 */
final class GridSummary {
  /** The header, then one line per group. */
  private final List<List<String>> lines;

  private GridSummary(List<List<String>> lines) {
    this.lines = lines;
  }

  /**
   * @param keys the grid's varied keys
   * @param cells every cell of the grid, by index
   * @param target the level of the convergence measure that counts as reached
   */
  static GridSummary of(List<String> keys, List<GridCell> cells, double target, List<GridRun.CellResult> results) {
    Map<List<String>, List<double[]>> groups = new LinkedHashMap<>();
    for (GridRun.CellResult c : results) {
      GridCell cell = cells.get(c.cell());
      for (RunResult r : c.results()) {
        List<String> id = new ArrayList<>(cell.plainValues());
        id.add(r.algorithm());
        groups.computeIfAbsent(id, k -> new ArrayList<>()).add(finalAndReached(r, target));
      }
    }
    List<List<String>> out = new ArrayList<>();
    List<String> head = new ArrayList<>();
    for (MetricsTable.Lead l : GridCell.columns(keys).subList(1, keys.size() + 1)) head.add(l.name());
    head.addAll(List.of("algorithm", "seeds", "reached_target", "median_final_error",
        "median_gradient_evaluations_to_target"));
    out.add(head);
    for (Map.Entry<List<String>, List<double[]>> g : groups.entrySet()) {
      List<double[]> runs = g.getValue();
      double[] finals = runs.stream().mapToDouble(v -> v[0]).toArray();
      double[] evals = runs.stream().mapToDouble(v -> v[1]).filter(v -> !Double.isNaN(v)).toArray();
      List<String> line = new ArrayList<>(g.getKey());
      line.add(Integer.toString(runs.size()));
      line.add(Integer.toString(evals.length));
      line.add(String.format(Locale.ROOT, "%.3e", Vectors.median(finals)));
      line.add(evals.length == 0 ? "" : String.format(Locale.ROOT, "%.0f", Vectors.median(evals)));
      out.add(line);
    }
    return new GridSummary(out);
  }

  /**
   * {final convergence measure, gradient evaluations when it first reached target (NaN: never)}. Where x* is
   * unknown the measure is the hypergradient estimate's norm, which is not a measure at iteration 0: there
   * z = 0, so on a problem whose f has no direct x-gradient (hyper-cleaning) the estimate is exactly 0 and
   * every run would count as reaching the target with its initial oracle calls. That row is skipped.
   */
  static double[] finalAndReached(RunResult r, double target) {
    boolean known = !Double.isNaN(r.last().estimationError());
    double finalValue = known ? r.last().estimationError() : r.last().hypergradNorm();
    for (MetricsRow m : r.rows()) {
      if (!known && m.iteration() == 0) continue;
      if ((known ? m.estimationError() : m.hypergradNorm()) <= target) return new double[] {finalValue, m.oracleCalls()};
    }
    return new double[] {finalValue, Double.NaN};
  }

  void write(Path file) throws IOException {
    MetricsCsv.writeRecords(file, lines);
  }

  /** The summary as a Markdown table, printed at the end (and pasted into docs/results.md). */
  String markdown() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      b.append("| ").append(String.join(" | ", lines.get(i))).append(" |\n");
      if (i == 0) b.append("|").append("---|".repeat(lines.get(0).size())).append('\n');
    }
    return b.toString().stripTrailing();
  }
}
