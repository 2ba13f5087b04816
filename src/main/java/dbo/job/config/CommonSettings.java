package dbo.job.config;

import dbo.algorithm.StepSizes;
import java.util.Map;

/**
 * The {@code algorithm-defaults} keys every method reads (ALGORITHMS.md sections 4-7).
 *
 * @param alpha             x step; default 0.01; {@code > 0}
 * @param beta              y step; default 0.1; {@code > 0}
 * @param gamma             z step; default 0.1; {@code > 0}
 * @param scaleBySmoothness {@code scale-by-smoothness}: divide the steps by the problem's smoothness
 *                          estimate L; default true
 * @param zRadius           {@code z-radius}, radius of the z projection; default +infinity (no projection); {@code > 0}
 * @param batch             samples per oracle call; default 0 = the whole shard; {@code >= 0}
 * @param lazyCorrections   {@code lazy-corrections}: mix with (W + I)/2 on a level whose strategy is EXTRA
 *                          or ED; default true
 */
public record CommonSettings(double alpha, double beta, double gamma, boolean scaleBySmoothness, double zRadius,
    int batch, boolean lazyCorrections) {

  static CommonSettings read(SectionReader r) {
    return new CommonSettings(r.positive("alpha"), r.positive("beta"), r.positive("gamma"),
        r.bool("scale-by-smoothness"), r.positiveOrInf("z-radius"), r.intAtLeast("batch", 0),
        r.bool("lazy-corrections"));
  }

  /** The step sizes, divided by {@code smoothness} when {@link #scaleBySmoothness}. */
  public StepSizes steps(double smoothness) {
    double scale = scaleBySmoothness ? 1.0 / smoothness : 1.0;
    return new StepSizes(alpha * scale, beta * scale, gamma * scale, zRadius);
  }

  void writeKeys(Map<String, Object> out) {
    out.put("alpha", alpha);
    out.put("beta", beta);
    out.put("gamma", gamma);
    out.put("scale-by-smoothness", scaleBySmoothness);
    // JSON has no infinity; keep the spelling the config accepts.
    out.put("z-radius", Double.isInfinite(zRadius) ? "inf" : zRadius);
    out.put("batch", batch);
    out.put("lazy-corrections", lazyCorrections);
  }
}
