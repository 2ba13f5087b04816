package dbo.runtime;

import dbo.algorithm.OracleCounts;
import java.io.Serializable;
import java.util.List;

/**
 * Where the driver loop of one algorithm stood at a checkpoint, beside the agents' saved states: enough
 * to continue as if never interrupted. Random streams are keyed by iteration, so none needs saving.
 *
 * @param iteration the last completed iteration k
 * @param rows the metric rows logged so far
 * @param lastRow the last logged row (the baseline of refreshed_fraction)
 * @param lastTotals oracle totals at {@code lastRow}
 * @param lastRefreshes snapshot refreshes over all agents at {@code lastRow}
 * @param elapsedSeconds wall time spent so far, carried into wall_s after a resume
 */
public record ResumePoint(long iteration, List<MetricsRow> rows, MetricsRow lastRow, OracleCounts lastTotals,
    long lastRefreshes, double elapsedSeconds) implements Serializable {
  public ResumePoint {
    rows = List.copyOf(rows);
  }
}
