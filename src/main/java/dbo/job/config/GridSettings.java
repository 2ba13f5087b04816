package dbo.job.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section {@code grid}: a grid of experiments run by one command.
 *
 * @param seeds  seeds of the cells; empty = no grid (default)
 * @param vary   key -> values, in file order; each value is HOCON text applied as {@code key=value}
 * @param target convergence level at which summary.csv reads off the gradient evaluations; default 1e-6
 */
public record GridSettings(List<Long> seeds, Map<String, List<String>> vary, double target) {
  public GridSettings {
    seeds = List.copyOf(seeds);
    vary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vary));
  }

  /** Whether this configuration describes a grid rather than a single experiment. */
  public boolean isGrid() {
    return !seeds.isEmpty();
  }
}
