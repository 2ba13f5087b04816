package dbo.job.run;

import dbo.job.output.Versions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.OracleCounts;
import dbo.runtime.MetricsRow;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import dbo.topology.MixingMatrix;
import dbo.topology.TimeVaryingMixing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of a run: what ran (resolved configuration, seed, versions, spectral
 * gaps, per-algorithm settings), how it ended (outcome per algorithm and overall,
 * totals, wall time). The pieces every manifest shares (opening, end of an algorithm, closing) are public for
 * the grid's manifest ({@code dbo.job.grid.GridManifest}).
 */
public final class Manifest {
  /** Bumped whenever the layout of a result directory changes. */
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Manifest() {}

  public static void write(Path file, Experiment e, String runner, List<RunResult> results, double wallSeconds,
      List<String> commandLine) throws IOException {
    write(file, e, runner, results, wallSeconds, commandLine, List.of());
  }

  /** @param baselines the MLlib baselines of a hyper-cleaning run (recorded as "baselines" when not empty) */
  public static void write(Path file, Experiment e, String runner, List<RunResult> results, double wallSeconds,
      List<String> commandLine, List<dbo.baseline.MllibBaselines.Result> baselines) throws IOException {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("seed", e.config().seed());
    run.put("runner", runner);
    Map<String, Object> m = opening(commandLine, run);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("name", e.problem().name());
    problem.put("agents", e.problem().agents());
    problem.put("dim_x", e.problem().dimX());
    problem.put("dim_y", e.problem().dimY());
    problem.put("smoothness", e.smoothness());
    problem.put("shard_sizes", e.problem().shardSizes());
    problem.put("solution_known", e.problem().solution().isPresent());
    Map<String, Object> data = e.problem().describeData();
    if (!data.isEmpty()) problem.put("data", data);
    m.put("problem", problem);
    Map<String, Object> topology = new LinkedHashMap<>();
    topology.put("x", graph(e.plan().upperMixing()));
    topology.put("yz", graph(e.plan().lowerMixing()));
    m.put("topology", topology);
    List<Map<String, Object>> algs = new ArrayList<>();
    OracleCounts all = new OracleCounts();
    Outcome overall = Outcome.CONVERGED;
    for (int i = 0; i < results.size(); i++) {
      RunResult r = results.get(i);
      AgentAlgorithm<?> a = e.algorithms().get(i);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("label", r.algorithm());
      entry.put("settings", a.toString());
      Map<String, Object> graphs = new LinkedHashMap<>();
      graphs.put("x", graph(e.plans().get(i).upperMixing()));
      graphs.put("yz", graph(e.plans().get(i).lowerMixing()));
      entry.put("graphs", graphs);
      putEnd(entry, r);
      entry.put("totals", totals(r.totals()));
      entry.put("final", finalMetrics(r.last()));
      algs.add(entry);
      all.add(r.totals());
      overall = worse(overall, r.outcome());
    }
    m.put("algorithms", algs);
    m.put("stopping", stopping(e));
    m.put("outcome", overall.configName());
    m.put("totals", totals(all));
    if (!baselines.isEmpty()) {
      List<Map<String, Object>> b = new ArrayList<>();
      for (dbo.baseline.MllibBaselines.Result r : baselines) b.add(r.toMap());
      m.put("baselines", b);
    }
    close(file, m, wallSeconds, e.config().resolvedJson());
  }

  /** What every manifest starts with; {@code beforeVersions} go between the command line and the versions. */
  public static Map<String, Object> opening(List<String> commandLine, Map<String, Object> beforeVersions) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", FORMAT_VERSION);
    m.put("tool", "dbo-spark " + Versions.tool());
    m.put("created", Instant.now().toString());
    m.put("command_line", commandLine);
    m.putAll(beforeVersions);
    m.put("versions", Versions.all());
    return m;
  }

  /** Adds what every manifest ends with (wall time, resolved configuration) and writes it. */
  public static void close(Path file, Map<String, Object> m, double wallSeconds, String resolvedConfig)
      throws IOException {
    m.put("wall_s", wallSeconds);
    JsonNode config = JSON.readTree(resolvedConfig);
    m.put("config", config);
    JSON.writeValue(file.toFile(), m);
  }

  /** How an algorithm's run ended: outcome, message, iterations, wall time. */
  public static void putEnd(Map<String, Object> entry, RunResult r) {
    entry.put("outcome", r.outcome().configName());
    entry.put("message", r.message());
    entry.put("iterations", r.iterations());
    entry.put("wall_s", r.wallSeconds());
  }

  /**
   * What "converged" means in this run: the measure run.tolerance is compared with (auto resolved) and the
   * tolerance (0 = no early stop; every outcome is then budget or diverged).
   */
  public static Map<String, Object> stopping(Experiment e) {
    dbo.runtime.StopMeasure measure = e.loop().stopMeasure().resolve(e.problem().solution().isPresent());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("measure", measure.configName());
    s.put("definition", measure.definition());
    s.put("tolerance", e.loop().tolerance());
    return s;
  }

  /** diverged beats budget beats converged: the overall outcome is the worst of the algorithms'. */
  public static Outcome worse(Outcome a, Outcome b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  private static Map<String, Object> graph(TimeVaryingMixing level) {
    MixingMatrix w = level.base();
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("description", w.description());
    g.put("agents", w.size());
    g.put("edges", w.edgeCount());
    g.put("spectral_gap", w.spectralGap());
    // Only where the weights change, so that a static run's manifest is what it was.
    if (!level.isStatic()) g.put("time_varying", level.describe());
    return g;
  }

  private static Map<String, Object> totals(OracleCounts c) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("grad_f", c.gradF);
    t.put("grad_g", c.gradG);
    t.put("hvp", c.hvp);
    t.put("jvp", c.jvp);
    t.put("oracle_calls", c.total());
    return t;
  }

  private static Map<String, Object> finalMetrics(MetricsRow r) {
    Map<String, Object> f = new LinkedHashMap<>();
    List<Object> values = r.values();
    for (int i = 0; i < MetricsRow.COLUMNS.size(); i++) {
      Object v = values.get(i);
      f.put(MetricsRow.COLUMNS.get(i), v instanceof Double d && !Double.isFinite(d) ? null : v);
    }
    return f;
  }
}
