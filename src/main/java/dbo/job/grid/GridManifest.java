package dbo.job.grid;

import dbo.job.run.Manifest;
import dbo.job.config.GridSettings;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code manifest.json} of a grid, built from the pieces every {@link Manifest} shares. */
final class GridManifest {
  private GridManifest() {}

  /**
   * A grid's manifest: the grid (seeds, varied values, target, number of cells) and, per finished cell, its
   * seed, overrides, runner and each algorithm's end; the base configuration.
   *
   * @param cells every cell of the grid, by index
   */
  static void write(Path file, GridSettings grid, List<GridCell> cells, List<GridRun.CellResult> results,
      double wallSeconds, List<String> commandLine, String resolvedConfig) throws IOException {
    Map<String, Object> m = Manifest.opening(commandLine, Map.of());
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("seeds", grid.seeds());
    g.put("vary", grid.vary());
    g.put("target", grid.target());
    g.put("cells", cells.size());
    m.put("grid", g);
    List<Map<String, Object>> entries = new ArrayList<>();
    Outcome overall = Outcome.CONVERGED;
    for (GridRun.CellResult c : results) {
      GridCell cell = cells.get(c.cell());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("cell", c.cell());
      entry.put("seed", cell.seed());
      entry.put("overrides", cell.overrides());
      entry.put("runner", c.runner());
      List<Map<String, Object>> algs = new ArrayList<>();
      for (RunResult r : c.results()) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("label", r.algorithm());
        Manifest.putEnd(a, r);
        a.put("oracle_calls", r.totals().total());
        algs.add(a);
        overall = Manifest.worse(overall, r.outcome());
      }
      entry.put("algorithms", algs);
      entries.add(entry);
    }
    m.put("cells", entries);
    m.put("outcome", overall.configName());
    Manifest.close(file, m, wallSeconds, resolvedConfig);
  }

}
