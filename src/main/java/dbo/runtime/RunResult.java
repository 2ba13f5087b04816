package dbo.runtime;

import dbo.algorithm.OracleCounts;
import java.util.List;

/**
 * The record of one algorithm's run: its logged rows, how it ended and why.
 *
 * @param message one line for the user, e.g. why it diverged; empty when nothing needs saying
 */
public record RunResult(String algorithm, Outcome outcome, String message, long iterations,
    double wallSeconds, OracleCounts totals, List<MetricsRow> rows) implements java.io.Serializable {

  public MetricsRow last() {
    return rows.get(rows.size() - 1);
  }
}
