package dbo.runtime;

/**
 * How the driver loop runs one algorithm.
 *
 * @param iterations iteration budget K (>= 1)
 * @param logEvery log metrics every this many iterations (>= 1); iteration 0 and K are always logged
 * @param tolerance stop (outcome converged) when {@code stopMeasure} falls to this value (> 0), or never (0)
 * @param divergenceThreshold the run diverged when sqrt(sum_i ||x_i||^2) exceeds this
 * @param progressSeconds print a progress line at most this often
 * @param oracleBudget stop (outcome budget) at the first logged iteration whose cumulative oracle calls
 *     grad_f + grad_g + hvp + jvp reach this, so that algorithms of different cost per iteration can be
 *     compared at the same number of gradient evaluations; 0 = no such limit
 * @param stopMeasure what the tolerance is compared with ({@link StopMeasure}); AUTO = the estimation
 *     error where x* is known, otherwise the stationarity measure
 */
public record LoopSettings(long iterations, int logEvery, double tolerance, double divergenceThreshold,
    double progressSeconds, long oracleBudget, StopMeasure stopMeasure) {
  /** Settings with the AUTO stopping measure. */
  public LoopSettings(long iterations, int logEvery, double tolerance, double divergenceThreshold,
      double progressSeconds, long oracleBudget) {
    this(iterations, logEvery, tolerance, divergenceThreshold, progressSeconds, oracleBudget, StopMeasure.AUTO);
  }

  /** Settings without an oracle budget. */
  public LoopSettings(long iterations, int logEvery, double tolerance, double divergenceThreshold,
      double progressSeconds) {
    this(iterations, logEvery, tolerance, divergenceThreshold, progressSeconds, 0);
  }

  public LoopSettings {
    if (iterations < 1) throw new IllegalArgumentException("run.iterations = " + iterations + "; allowed: >= 1");
    if (logEvery < 1) throw new IllegalArgumentException("run.log-every = " + logEvery + "; allowed: >= 1");
    if (!(tolerance >= 0)) throw new IllegalArgumentException("run.tolerance = " + tolerance + "; allowed: >= 0");
    java.util.Objects.requireNonNull(stopMeasure, "stopMeasure");
    if (oracleBudget < 0) {
      throw new IllegalArgumentException("run.oracle-budget = " + oracleBudget + "; allowed: 0 (none) or >= 1");
    }
  }
}
