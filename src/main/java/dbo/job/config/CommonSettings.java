package dbo.job.config;

import dbo.algorithm.StepSizes;
import java.util.Map;

/**
 * The {@code algorithm-defaults} keys every method reads (ALGORITHMS.md sections 4-7).
 *
 * @param alpha             x step; default 0.01; {@code >= 0}: 0 freezes x, every agent's x stays at the
 *                          problem's x0 (the x update becomes x+ = W x, and W x0 = x0 up to rounding since
 *                          every agent starts at the same x0), so only the lower (and auxiliary) variables
 *                          move; no method divides by alpha
 * @param beta              y step; default 0.1; {@code > 0} (0 is refused: y, z would never move)
 * @param gamma             z step; default 0.1; {@code > 0}
 * @param scaleBySmoothness {@code scale-by-smoothness}: divide the steps by the problem's smoothness
 *                          estimate L; default true
 * @param zRadius           {@code z-radius}, radius of the z projection; default +infinity (no projection); {@code > 0}
 * @param batch             samples per oracle call; default 0 = the whole shard; {@code >= 0}
 * @param lazyCorrections   {@code lazy-corrections}: mix with (W + I)/2 on a level whose strategy is EXTRA
 *                          or ED; default true
 * @param compression       {@code compression} and its keys; default none
 */
public record CommonSettings(double alpha, double beta, double gamma, boolean scaleBySmoothness, double zRadius,
    int batch, boolean lazyCorrections, CompressionSettings compression) {

  /** Without compression. */
  public CommonSettings(double alpha, double beta, double gamma, boolean scaleBySmoothness, double zRadius,
      int batch, boolean lazyCorrections) {
    this(alpha, beta, gamma, scaleBySmoothness, zRadius, batch, lazyCorrections, CompressionSettings.NONE);
  }

  static CommonSettings read(SectionReader r) {
    return new CommonSettings(r.nonNegative("alpha"), r.positive("beta"), r.positive("gamma"),
        r.bool("scale-by-smoothness"), r.positiveOrInf("z-radius"), r.intAtLeast("batch", 0),
        r.bool("lazy-corrections"), CompressionSettings.read(r));
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
    compression.writeKeys(out);
  }
}
