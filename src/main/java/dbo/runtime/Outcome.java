package dbo.runtime;

import java.util.Locale;

/** How a run of one algorithm ended. */
public enum Outcome {
  /** The stopping tolerance was met. */
  CONVERGED,
  /** The iteration budget was spent. */
  BUDGET,
  /** An iterate or metric became NaN, infinite, or exceeded the divergence threshold. */
  DIVERGED;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
