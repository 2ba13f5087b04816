package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.OracleCounts;
import dbo.problem.Evaluation;
import dbo.problem.ProblemSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The driver's loop for one algorithm on one engine: iterate, log metrics every {@code logEvery}
 * iterations, stop on convergence, budget or divergence. Metrics are computed from the engine's
 * {@link Summary}, which every runner reduces over the agents in agent order, so every runner produces the
 * same numbers.
 */
public final class IterationLoop {
  private final ProblemSpec spec;
  private final MixingPlan plan;
  private final LoopSettings settings;
  private final Consumer<String> progress;
  private final Optional<double[]> solution;
  private final StopMeasure stopMeasure;

  /**
   * @param progress receives progress lines (at most one every {@code progressSeconds})
   */
  public IterationLoop(ProblemSpec spec, MixingPlan plan, LoopSettings settings, Consumer<String> progress) {
    this.spec = spec;
    this.plan = plan;
    this.settings = settings;
    this.progress = progress;
    this.solution = spec.solution();
    this.stopMeasure = settings.stopMeasure().resolve(solution.isPresent());
  }

  /** What {@code run.tolerance} is compared with in this loop: never AUTO. */
  public StopMeasure stopMeasure() {
    return stopMeasure;
  }

  public RunResult run(Engine engine, AgentAlgorithm<?> algorithm) {
    return run(engine, algorithm, Checkpointer.NONE, null);
  }

  /**
   * Runs {@code algorithm}, handing {@code checkpointer} a resume point every {@code checkpointer.every()}
   * iterations; with {@code from != null}, continues from that point with the engine's states restored
   * from it (the caller restores them), and ends with the rows an uninterrupted run would have.
   */
  public RunResult run(Engine engine, AgentAlgorithm<?> algorithm, Checkpointer checkpointer, ResumePoint from) {
    long t0 = System.nanoTime() - (from == null ? 0 : (long) (from.elapsedSeconds() * 1e9));
    CommunicationCount communication = new CommunicationCount(algorithm, plan, spec.dimX(), spec.dimY());
    List<MetricsRow> rows = new ArrayList<>();
    Snapshot prev;
    long k;
    Outcome outcome = Outcome.BUDGET;
    String message = "";
    if (from == null) {
      engine.start(algorithm);
      prev = measure(engine, algorithm, 0, t0, null, communication);
      rows.add(prev.row);
      k = 0;
      String problemWithRun = divergence(prev);
      if (problemWithRun != null) {
        outcome = Outcome.DIVERGED;
        message = algorithm.label() + " diverged at iteration 0 (" + problemWithRun + ")";
      }
    } else {
      rows.addAll(from.rows());
      prev = new Snapshot(from.lastRow(), from.lastTotals(), from.lastRefreshes(), true, 0.0,
          settings.divergenceThreshold(), Double.NaN);
      k = from.iteration();
    }
    long lastPrint = System.nanoTime();
    while (outcome == Outcome.BUDGET && k < settings.iterations()) {
      k++;
      engine.iterate(k);
      boolean logged = k % settings.logEvery() == 0 || k == settings.iterations();
      if (!logged) {
        saveIfDue(checkpointer, engine, algorithm, k, rows, prev, t0);
        continue;
      }
      Snapshot now = measure(engine, algorithm, k, t0, prev, communication);
      rows.add(now.row);
      prev = now;
      String why = divergence(now);
      if (why != null) {
        outcome = Outcome.DIVERGED;
        message = algorithm.label() + " diverged at iteration " + k + " (" + why
            + "); lower the step sizes alpha, beta, gamma";
        break;
      }
      double criterion = criterion(now);
      if (settings.tolerance() > 0 && criterion <= settings.tolerance()) {
        outcome = Outcome.CONVERGED;
        message = stopMeasure.configName() + " = " + criterion + " <= run.tolerance = " + settings.tolerance();
        break;
      }
      if (settings.oracleBudget() > 0 && now.row.oracleCalls() >= settings.oracleBudget()) {
        message = algorithm.label() + " reached run.oracle-budget = " + settings.oracleBudget()
            + " oracle calls at iteration " + k;
        break;
      }
      saveIfDue(checkpointer, engine, algorithm, k, rows, prev, t0);
      if ((System.nanoTime() - lastPrint) / 1e9 >= settings.progressSeconds()) {
        lastPrint = System.nanoTime();
        progress.accept(progressLine(algorithm.label(), now, k, t0));
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    return new RunResult(algorithm.label(), outcome, message, k, wall, prev.totals, rows);
  }

  private static void saveIfDue(Checkpointer checkpointer, Engine engine, AgentAlgorithm<?> algorithm, long k,
      List<MetricsRow> rows, Snapshot prev, long t0) {
    if (k % checkpointer.every() != 0) return;
    checkpointer.save(engine, algorithm, new ResumePoint(k, rows, prev.row, prev.totals, prev.refreshes,
        (System.nanoTime() - t0) / 1e9));
  }

  private double criterion(Snapshot s) {
    return stopMeasure == StopMeasure.ESTIMATION_ERROR ? s.row.estimationError() : s.stationarity;
  }

  private String progressLine(String label, Snapshot s, long k, long t0) {
    MetricsRow row = s.row;
    double elapsed = (System.nanoTime() - t0) / 1e9;
    double eta = elapsed / k * (settings.iterations() - k);
    // With an oracle budget the run usually ends at the budget, long before the iteration cap.
    if (settings.oracleBudget() > 0 && row.oracleCalls() > 0) {
      double calls = row.oracleCalls();
      eta = Math.min(eta, Math.max(0.0, elapsed / calls * (settings.oracleBudget() - calls)));
    }
    String key = stopMeasure == StopMeasure.ESTIMATION_ERROR
        ? String.format("estimation_error=%.3e", row.estimationError())
        : String.format("stationarity=%.3e (hypergrad_norm=%.3e)", s.stationarity, row.hypergradNorm());
    return String.format("[%s] iteration %d/%d  %s  oracle_calls=%d  elapsed=%.1fs  eta=%.1fs", label, k,
        settings.iterations(), key, row.oracleCalls(), elapsed, eta);
  }

  private static String divergence(Snapshot s) {
    if (!s.finite) return "an iterate became NaN or infinite";
    MetricsRow r = s.row;
    if (!Double.isFinite(r.consensusError()) || !Double.isFinite(r.hypergradNorm())
        || !Double.isFinite(r.upperLoss())) {
      return "a metric became NaN or infinite";
    }
    return s.xNorm > s.threshold ? "||x|| = " + s.xNorm + " exceeded run.divergence-threshold" : null;
  }

  /** @param stationarity the {@link StopMeasure#STATIONARITY} value (NaN for a restored snapshot) */
  private record Snapshot(MetricsRow row, OracleCounts totals, long refreshes, boolean finite, double xNorm,
      double threshold, double stationarity) {}

  private Snapshot measure(Engine engine, AgentAlgorithm<?> algorithm, long k, long t0, Snapshot prev,
      CommunicationCount communication) {
    Summary sum = engine.summary(solution.orElse(null));
    int n = sum.agents();
    OracleCounts totals = sum.totals();
    Evaluation eval = sum.finite() ? engine.evaluate(sum.xbar(), sum.ybar()) : new Evaluation(Double.NaN, 0, 0);
    double testAccuracy = eval.testCount() > 0 ? eval.testCorrect() / eval.testCount() : Double.NaN;
    double refreshedFraction = prev == null ? 1.0
        : (double) (sum.refreshes() - prev.refreshes) / ((double) n * (k - prev.row.iteration()));
    CommunicationCount.Totals c = communication.through(k);
    MetricsRow row = new MetricsRow(algorithm.label(), k, (System.nanoTime() - t0) / 1e9, totals.gradF,
        totals.gradG, totals.hvp, totals.jvp, c.rounds(), c.floatsX() + c.floatsYz(),
        sum.consensus(), sum.estimation(), sum.hypergradNorm(), eval.upperLoss() / n, testAccuracy,
        refreshedFraction, c.roundsX(), c.roundsYz(), c.floatsX(), c.floatsYz(),
        eval.flagPrecision(), eval.flagRecall(), eval.meanObjective(), eval.meanTestLoss(), eval.meanTestError(),
        c.bytes());
    // The stopping measure where x* is unknown (StopMeasure.STATIONARITY); not a metrics column, so the
    // columns stay what they were. NaN (a NaN iterate) never compares <= tolerance.
    double stationarity = Math.max(Math.max(sum.hypergradNorm(), Math.sqrt(sum.consensus() / n)),
        Math.max(Math.sqrt(sum.consensusY() / n), Math.sqrt(sum.consensusZ() / n)));
    return new Snapshot(row, totals, sum.refreshes(), sum.finite(), Math.sqrt(sum.xNormSq()),
        settings.divergenceThreshold(), stationarity);
  }
}
