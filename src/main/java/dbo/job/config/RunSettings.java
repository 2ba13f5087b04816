package dbo.job.config;

import dbo.runtime.StopMeasure;

/**
 * Section {@code run}: budget, logging and stopping rules shared by every algorithm of the experiment.
 *
 * @param iterations          iteration budget; default 1000; {@code >= 1}
 * @param logEvery            {@code log-every}, record metrics every this many iterations; default 10; {@code >= 1}
 * @param checkpointEvery     {@code checkpoint-every}, Spark checkpoint period; default 10; {@code >= 1}
 * @param tolerance           early-stopping tolerance; default 0.0 = run the whole budget; {@code >= 0}
 * @param divergenceThreshold {@code divergence-threshold}, iterate norm that ends a run as diverged;
 *                            default 1e12; {@code > 0}
 * @param progressSeconds     {@code progress-seconds}, minimum time between progress lines; default 5.0; {@code > 0}
 * @param oracleBudget        {@code oracle-budget}, stop each algorithm at the first logged iteration with at least
 *                            this many oracle calls (grad_f + grad_g + hvp + jvp); default 0 = none; {@code >= 0}
 * @param stopMeasure         {@code stop-measure}, what the tolerance is compared with; default auto = the
 *                            estimation error where x* is known, otherwise stationarity ({@link StopMeasure})
 */
public record RunSettings(int iterations, int logEvery, int checkpointEvery, double tolerance,
    double divergenceThreshold, double progressSeconds, long oracleBudget, StopMeasure stopMeasure) {
  /** Settings with the auto stopping measure. */
  public RunSettings(int iterations, int logEvery, int checkpointEvery, double tolerance,
      double divergenceThreshold, double progressSeconds, long oracleBudget) {
    this(iterations, logEvery, checkpointEvery, tolerance, divergenceThreshold, progressSeconds, oracleBudget,
        StopMeasure.AUTO);
  }

  /** Settings without an oracle budget. */
  public RunSettings(int iterations, int logEvery, int checkpointEvery, double tolerance,
      double divergenceThreshold, double progressSeconds) {
    this(iterations, logEvery, checkpointEvery, tolerance, divergenceThreshold, progressSeconds, 0);
  }
}
