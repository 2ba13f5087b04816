package dbo.job.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.OracleCounts;
import dbo.runtime.MetricsRow;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradient evaluations to the grid's target, as summary.csv reports them. */
class GridSummaryTest {

  private static MetricsRow row(long iteration, long gradG, double estimation, double hypergrad) {
    return new MetricsRow("SLDBO", iteration, 0.0, 0, gradG, 0, 0, 0, 0, 0.0, estimation, hypergrad, 0.0, 0.0,
        0.0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
  }

  private static RunResult run(MetricsRow... rows) {
    return new RunResult("SLDBO", Outcome.BUDGET, "", rows[rows.length - 1].iteration(), 0.0, new OracleCounts(),
        List.of(rows));
  }

  /** Hyper-cleaning's estimate is exactly 0 at iteration 0 (z = 0, no direct x-gradient): not a reached target. */
  @Test
  void theHypergradientEstimateAtIterationZeroDoesNotCountAsReachingTheTarget() {
    double[] r = GridSummary.finalAndReached(run(row(0, 40, Double.NaN, 0.0), row(10, 440, Double.NaN, 3e-3),
        row(20, 840, Double.NaN, 5e-5)), 1e-4);
    assertEquals(5e-5, r[0]);
    assertEquals(840.0, r[1]);
    double[] never = GridSummary.finalAndReached(run(row(0, 40, Double.NaN, 0.0), row(10, 440, Double.NaN, 3e-3)),
        1e-4);
    assertTrue(Double.isNaN(never[1]), "never reached: " + never[1]);
  }

  /** Where x* is known the estimation error is a true measure at iteration 0 too. */
  @Test
  void aKnownSolutionCountsFromIterationZero() {
    double[] r = GridSummary.finalAndReached(run(row(0, 40, 1e-9, 0.0), row(10, 440, 1e-10, 1e-3)), 1e-8);
    assertEquals(40.0, r[1]);
  }
}
