package dbo.runtime;

import java.util.Locale;

/**
 * What {@code run.tolerance} is compared with at a logged iteration (configured as {@code run.stop-measure}).
 * A run is "converged" when the resolved measure is at most the tolerance; the manifest records which.
 */
public enum StopMeasure {
  /** {@link #ESTIMATION_ERROR} where the problem knows x*, otherwise {@link #STATIONARITY}. */
  AUTO,
  /** sum_i ||x_i - x*||^2; needs a problem with a known x* (quadratic). */
  ESTIMATION_ERROR,
  /**
   * max(||mean_i u_i||, rms_x, rms_y, rms_z), where rms_v = sqrt(sum_i ||v_i - vbar||^2 / n): the norm of
   * the mean hypergradient estimate and the root-mean-square consensus errors of x, y and z must all be
   * at most the tolerance. The norm alone is not enough: a method with a heterogeneity bias (D-SOBA under
   * severe heterogeneity) drives it to round-off while its agents stay apart and away from x*; the
   * consensus errors do not vanish for such a method. Needs no x*.
   */
  STATIONARITY;

  /** The measure actually used: AUTO resolved by whether x* is known. */
  public StopMeasure resolve(boolean solutionKnown) {
    if (this == AUTO) return solutionKnown ? ESTIMATION_ERROR : STATIONARITY;
    if (this == ESTIMATION_ERROR && !solutionKnown) {
      throw new IllegalArgumentException("run.stop-measure = estimation-error needs a problem with a known x* "
          + "(problem.type = quadratic); use stationarity or auto");
    }
    return this;
  }

  /** How the measure is written in configuration and in the manifest. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** One line saying what the measure is, for the manifest. */
  public String definition() {
    return switch (this) {
      case AUTO -> "estimation-error where x* is known, otherwise stationarity";
      case ESTIMATION_ERROR -> "sum_i ||x_i - x*||^2 (the estimation_error column)";
      case STATIONARITY -> "max(||mean_i u_i||, rms_x, rms_y, rms_z) with rms_v = sqrt(sum_i ||v_i - mean v||^2 / n):"
          + " the hypergradient norm (hypergrad_norm column) and the root-mean-square consensus errors of x, y, z";
    };
  }
}
