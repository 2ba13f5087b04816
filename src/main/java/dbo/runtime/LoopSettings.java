package dbo.runtime;

/**
 * How the driver loop runs one algorithm.
 *
 * @param iterations iteration budget K (>= 1)
 * @param logEvery log metrics every this many iterations (>= 1); iteration 0 and K are always logged
 * @param tolerance stop when the criterion falls to this value (> 0), or never (0): the criterion is the
 *     estimation error sum_i ||x_i - x*||^2 where x* is known, otherwise the mean hypergradient norm
 * @param divergenceThreshold the run diverged when sqrt(sum_i ||x_i||^2) exceeds this
 * @param progressSeconds print a progress line at most this often
 */
public record LoopSettings(long iterations, int logEvery, double tolerance, double divergenceThreshold,
    double progressSeconds) {
  public LoopSettings {
    if (iterations < 1) throw new IllegalArgumentException("run.iterations = " + iterations + "; allowed: >= 1");
    if (logEvery < 1) throw new IllegalArgumentException("run.log-every = " + logEvery + "; allowed: >= 1");
    if (!(tolerance >= 0)) throw new IllegalArgumentException("run.tolerance = " + tolerance + "; allowed: >= 0");
  }
}
