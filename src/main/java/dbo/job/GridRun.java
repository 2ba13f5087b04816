package dbo.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.job.config.GridSettings;
import dbo.job.config.RunnerKind;
import dbo.linalg.Vectors;
import dbo.runtime.Engine;
import dbo.runtime.IterationLoop;
import dbo.runtime.MetricsRow;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs every cell of a grid (see {@code grid} in reference.conf) in one Spark application and writes one
 * result directory: {@code metrics.csv} / {@code metrics.parquet} with the cell's seed and varied values in
 * front of every metrics row, {@code summary.csv} over seeds, and {@code manifest.json}. Every cell is
 * validated before the first one runs.
 */
public final class GridRun {
  private final String configText;
  private final ExperimentConfig base;
  private final List<GridCell> cells;
  private final Path target;
  private final boolean overwrite;
  private final Path sparkDefaults;
  private final List<String> commandLine;
  private final Consumer<String> progress;
  private final boolean resume;

  public GridRun(String configText, ExperimentConfig base, List<String> overrides, Path target, boolean overwrite,
      Path sparkDefaults, List<String> commandLine, Consumer<String> progress) {
    this(configText, base, overrides, target, overwrite, false, sparkDefaults, commandLine, progress);
  }

  /**
   * @param resume continue the interrupted grid of {@code target}: keep its finished cells ({@link GridResume})
   *     and run the others
   */
  public GridRun(String configText, ExperimentConfig base, List<String> overrides, Path target, boolean overwrite,
      boolean resume, Path sparkDefaults, List<String> commandLine, Consumer<String> progress) {
    this.resume = resume;
    this.configText = configText;
    this.base = base;
    GridSettings g = base.grid();
    this.cells = GridCell.expand(g.seeds(), g.vary(), overrides);
    this.target = target;
    this.overwrite = overwrite;
    this.sparkDefaults = sparkDefaults;
    this.commandLine = commandLine;
    this.progress = progress;
    for (GridCell c : cells) {
      try {
        Experiment.of(ConfigLoader.parse(configText, c.overrides()));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("grid cell " + describe(c) + ": " + e.getMessage());
      }
    }
  }

  /** The results of one cell. */
  public record CellResult(int cell, String runner, List<RunResult> results) implements Serializable {}

  public ExperimentRun.Summary execute() throws IOException {
    long t0 = System.nanoTime();
    try (ResultDirectory dir = ResultDirectory.open(target, overwrite, resume)) {
      GridResume store = new GridResume(dir.staging(), base.resolvedJson());
      Map<Integer, CellResult> done = resume ? store.load(target) : new TreeMap<>();
      SparkSession spark = Sessions.open(base, sparkDefaults, "dbo-spark grid " + String.join(" ", commandLine),
          dir.staging());
      try {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<CellResult> results = base.runner() == RunnerKind.IN_PROCESS ? cellsAsTasks(jsc, done, store)
            : cellsInTurn(jsc, done, store);
        writeMetrics(spark, dir.staging(), results);
        List<String[]> summary = summarize(results);
        writeSummary(dir.staging().resolve("summary.csv"), summary);
        ResultDirectory.deleteTree(dir.staging().resolve(".checkpoints"));
        store.clear();
        writeManifest(dir.staging().resolve("manifest.json"), results, (System.nanoTime() - t0) / 1e9);
        dbo.report.Report.writeOrWarn(dir.staging(), target, progress);
        dir.commit();
        List<RunResult> all = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (CellResult c : results) {
          for (RunResult r : c.results()) {
            all.add(r);
            if (r.outcome() == Outcome.DIVERGED) messages.add("cell " + describe(cells.get(c.cell())) + ": " + r.message());
          }
        }
        return new ExperimentRun.Summary(dir.target(), all, !messages.isEmpty(), messages, table(summary));
      } finally {
        spark.stop();
      }
    }
  }

  /**
   * Each cell is one Spark task that runs all of the cell's agents in process; each is its own job, all
   * submitted at once (they share the executors' slots as one job's tasks would), so that every finished
   * cell is saved for --resume as soon as it is done. Cells in {@code done} are not run again.
   */
  private List<CellResult> cellsAsTasks(JavaSparkContext jsc, Map<Integer, CellResult> done, GridResume store) {
    String text = configText;
    Map<Integer, CellResult> results = new TreeMap<>(done);
    Map<Integer, JavaFutureAction<List<CellResult>>> running = new TreeMap<>();
    progress.accept("grid: " + (cells.size() - done.size()) + " cells as Spark tasks on " + jsc.master()
        + (done.isEmpty() ? "" : " (" + done.size() + " finished before the interruption)"));
    try {
      for (GridCell c : cells) {
        if (done.containsKey(c.index())) continue;
        running.put(c.index(), jsc.parallelize(List.of(c), 1).map(cell -> runCell(text, cell, s -> { }, null))
            .collectAsync());
      }
      while (!running.isEmpty()) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
          var job = it.next();
          if (!job.getValue().isDone()) continue;
          CellResult r;
          try {
            r = job.getValue().get().get(0);
          } catch (Exception e) {
            throw new IllegalStateException("a grid cell failed: " + e.getMessage(), e);
          }
          it.remove();
          store.finished(r);
          results.put(r.cell(), r);
          progress.accept("grid: " + results.size() + "/" + cells.size() + " cells done (cell "
              + describe(cells.get(r.cell())) + ")");
        }
      }
    } finally {
      for (JavaFutureAction<List<CellResult>> j : running.values()) j.cancel(true);
    }
    return new ArrayList<>(results.values());
  }

  /** Cells one after another, each with one Spark partition per agent; cells in {@code done} are kept. */
  private List<CellResult> cellsInTurn(JavaSparkContext jsc, Map<Integer, CellResult> done, GridResume store) {
    List<CellResult> out = new ArrayList<>();
    for (GridCell c : cells) {
      if (done.containsKey(c.index())) {
        progress.accept("grid: cell " + (c.index() + 1) + "/" + cells.size() + " " + describe(c)
            + " finished before the interruption");
        out.add(done.get(c.index()));
        continue;
      }
      progress.accept("grid: cell " + (c.index() + 1) + "/" + cells.size() + " " + describe(c));
      CellResult r = runCell(configText, c, progress, jsc);
      store.finished(r);
      out.add(r);
    }
    return out;
  }

  /** Runs one cell; {@code jsc == null} means in process. */
  static CellResult runCell(String text, GridCell cell, Consumer<String> progress, JavaSparkContext jsc) {
    ExperimentConfig cfg = ConfigLoader.parse(text, cell.overrides());
    // A table read by Spark needs the context for its smoothness estimate; a cell run inside a task is in process.
    Experiment e = jsc != null ? Experiment.of(cfg, jsc) : Experiment.of(cfg).inProcess();
    List<RunResult> results = new ArrayList<>();
    String runner = null;
    try (EnginePool pool = new EnginePool(e.problem(), jsc, cfg.run().checkpointEvery())) {
      for (int i = 0; i < e.algorithms().size(); i++) {
        Engine engine = pool.engine(e.plans().get(i));
        runner = engine.describe();
        IterationLoop loop = new IterationLoop(e.problem(), e.plans().get(i), e.loop(), progress);
        results.add(loop.run(engine, e.algorithms().get(i)));
      }
    }
    return new CellResult(cell.index(), runner, results);
  }

  private String describe(GridCell c) {
    List<String> parts = new ArrayList<>();
    parts.add("seed=" + c.seed());
    List<String> keys = new ArrayList<>(base.grid().vary().keySet());
    for (int k = 0; k < keys.size(); k++) parts.add(keys.get(k) + "=" + GridCell.plain(c.values().get(k)));
    return String.join(" ", parts);
  }

  private List<String> cellColumns() {
    List<String> cols = new ArrayList<>();
    cols.add("seed");
    for (String k : base.grid().vary().keySet()) cols.add(k.replace('.', '_').replace('-', '_'));
    return cols;
  }

  private void writeMetrics(SparkSession spark, Path dir, List<CellResult> results) throws IOException {
    List<String> header = new ArrayList<>(cellColumns());
    header.addAll(MetricsRow.COLUMNS);
    List<Row> rows = new ArrayList<>();
    try (Writer w = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8)) {
      w.write(String.join(",", header) + "\n");
      for (CellResult c : results) {
        GridCell cell = cells.get(c.cell());
        for (RunResult r : c.results()) {
          for (MetricsRow m : r.rows()) {
            List<Object> values = new ArrayList<>();
            values.add(cell.seed());
            for (String v : cell.values()) values.add(GridCell.plain(v));
            values.addAll(m.values());
            StringBuilder line = new StringBuilder();
            for (Object v : values) line.append(line.length() == 0 ? "" : ",").append(MetricsCsv.field(v));
            w.write(line.append('\n').toString());
            rows.add(MetricsParquet.row(values));
          }
        }
      }
    }
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("seed", DataTypes.LongType, false));
    for (String col : cellColumns().subList(1, cellColumns().size())) {
      fields.add(DataTypes.createStructField(col, DataTypes.StringType, false));
    }
    fields.addAll(Arrays.asList(MetricsParquet.schema().fields()));
    StructType schema = DataTypes.createStructType(fields);
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("metrics.parquet").toUri().toString());
  }

  /**
   * Per (varied values, algorithm): seeds, runs that reached the target, median final convergence measure,
   * median gradient evaluations to reach the target (over the seeds that reached it).
   */
  private List<String[]> summarize(List<CellResult> results) {
    Map<String, List<double[]>> groups = new LinkedHashMap<>();
    Map<String, String[]> keys = new LinkedHashMap<>();
    double targetLevel = base.grid().target();
    for (CellResult c : results) {
      GridCell cell = cells.get(c.cell());
      for (RunResult r : c.results()) {
        List<String> id = new ArrayList<>();
        for (String v : cell.values()) id.add(GridCell.plain(v));
        id.add(r.algorithm());
        String key = String.join("\u0000", id);
        keys.putIfAbsent(key, id.toArray(new String[0]));
        boolean known = !Double.isNaN(r.last().estimationError());
        double finalValue = known ? r.last().estimationError() : r.last().hypergradNorm();
        double reached = Double.NaN;
        for (MetricsRow m : r.rows()) {
          double v = known ? m.estimationError() : m.hypergradNorm();
          if (v <= targetLevel) {
            reached = m.oracleCalls();
            break;
          }
        }
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {finalValue, reached});
      }
    }
    List<String[]> out = new ArrayList<>();
    List<String> head = new ArrayList<>(cellColumns().subList(1, cellColumns().size()));
    head.addAll(List.of("algorithm", "seeds", "reached_target", "median_final_error",
        "median_gradient_evaluations_to_target"));
    out.add(head.toArray(new String[0]));
    for (Map.Entry<String, List<double[]>> g : groups.entrySet()) {
      List<double[]> runs = g.getValue();
      double[] finals = runs.stream().mapToDouble(v -> v[0]).toArray();
      double[] evals = runs.stream().mapToDouble(v -> v[1]).filter(v -> !Double.isNaN(v)).toArray();
      List<String> line = new ArrayList<>(Arrays.asList(keys.get(g.getKey())));
      line.add(Integer.toString(runs.size()));
      line.add(Integer.toString(evals.length));
      line.add(String.format(Locale.ROOT, "%.3e", Vectors.median(finals)));
      line.add(evals.length == 0 ? "" : String.format(Locale.ROOT, "%.0f", Vectors.median(evals)));
      out.add(line.toArray(new String[0]));
    }
    return out;
  }


  private static void writeSummary(Path file, List<String[]> summary) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String[] line : summary) {
        StringBuilder b = new StringBuilder();
        for (String f : line) b.append(b.length() == 0 ? "" : ",").append(MetricsCsv.field(f));
        w.write(b.append('\n').toString());
      }
    }
  }

  /** The summary as a Markdown table, printed at the end (and pasted into the README). */
  static String table(List<String[]> summary) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < summary.size(); i++) {
      b.append("| ").append(String.join(" | ", summary.get(i))).append(" |\n");
      if (i == 0) b.append("|").append("---|".repeat(summary.get(0).length)).append('\n');
    }
    return b.toString().stripTrailing();
  }

  private void writeManifest(Path file, List<CellResult> results, double wall) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", Manifest.FORMAT_VERSION);
    m.put("tool", "dbo-spark " + Versions.tool());
    m.put("created", Instant.now().toString());
    m.put("command_line", commandLine);
    m.put("versions", Versions.all());
    Map<String, Object> grid = new LinkedHashMap<>();
    grid.put("seeds", base.grid().seeds());
    grid.put("vary", base.grid().vary());
    grid.put("target", base.grid().target());
    grid.put("cells", cells.size());
    m.put("grid", grid);
    List<Map<String, Object>> cellEntries = new ArrayList<>();
    Outcome overall = Outcome.CONVERGED;
    for (CellResult c : results) {
      GridCell cell = cells.get(c.cell());
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("cell", c.cell());
      e.put("seed", cell.seed());
      e.put("overrides", cell.overrides());
      e.put("runner", c.runner());
      List<Map<String, Object>> algs = new ArrayList<>();
      for (RunResult r : c.results()) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("label", r.algorithm());
        a.put("outcome", r.outcome().configName());
        a.put("message", r.message());
        a.put("iterations", r.iterations());
        a.put("wall_s", r.wallSeconds());
        a.put("oracle_calls", r.totals().total());
        algs.add(a);
        overall = Manifest.worse(overall, r.outcome());
      }
      e.put("algorithms", algs);
      cellEntries.add(e);
    }
    m.put("cells", cellEntries);
    m.put("outcome", overall.configName());
    m.put("wall_s", wall);
    m.put("config", new ObjectMapper().readTree(base.resolvedJson()));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
  }
}
