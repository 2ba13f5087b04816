package dbo.job.grid;

import dbo.job.output.BadInputException;
import dbo.job.output.MetricsCsv;
import dbo.job.output.MetricsParquet;
import dbo.job.output.MetricsTable;
import dbo.job.output.ResultDirectory;
import dbo.job.run.EnginePool;
import dbo.job.run.Experiment;
import dbo.job.run.ExperimentRun;
import dbo.job.run.Sessions;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import dbo.job.config.GridSettings;
import dbo.job.config.RunnerKind;
import dbo.runtime.Engine;
import dbo.runtime.IterationLoop;
import dbo.runtime.MetricsRow;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every cell of a grid (see {@code grid} in reference.conf) in one Spark application and writes one
 * result directory: {@code metrics.csv} / {@code metrics.parquet} with the cell's seed and varied values in
 * front of every metrics row ({@link MetricsTable}), {@code summary.csv} over seeds ({@link GridSummary}), and
 * {@code manifest.json} ({@link GridManifest#write}), through the same writers as a single run. Every cell is
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
      SparkSession spark = Sessions.open(base, sparkDefaults,
          Sessions.appName("grid", commandLine.get(0), target.toString()), dir.staging());
      try {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<CellResult> results = base.runner() == RunnerKind.IN_PROCESS ? cellsAsTasks(jsc, done, store)
            : cellsInTurn(jsc, done, store);
        MetricsTable table = metrics(results);
        MetricsCsv.write(dir.staging().resolve("metrics.csv"), table);
        MetricsParquet.write(spark, dir.staging().resolve("metrics.parquet"), table);
        GridSummary summary = GridSummary.of(keys(), cells, base.grid().target(), results);
        summary.write(dir.staging().resolve("summary.csv"));
        ResultDirectory.deleteTree(dir.staging().resolve(".checkpoints"));
        store.clear();
        GridManifest.write(dir.staging().resolve("manifest.json"), base.grid(), cells, results,
            (System.nanoTime() - t0) / 1e9, commandLine, base.resolvedJson());
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
        return new ExperimentRun.Summary(dir.target(), all, !messages.isEmpty(), messages, summary.markdown());
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

  private List<String> keys() {
    return new ArrayList<>(base.grid().vary().keySet());
  }

  private String describe(GridCell c) {
    return c.describe(keys());
  }

  /** Every metrics row of every cell, led by the cell's seed and varied values. */
  private MetricsTable metrics(List<CellResult> results) {
    List<List<Object>> rows = new ArrayList<>();
    for (CellResult c : results) {
      List<Object> lead = cells.get(c.cell()).columnValues();
      for (RunResult r : c.results()) {
        for (MetricsRow m : r.rows()) {
          List<Object> row = new ArrayList<>(lead);
          row.addAll(m.values());
          rows.add(row);
        }
      }
    }
    return new MetricsTable(GridCell.columns(keys()), rows);
  }
}
