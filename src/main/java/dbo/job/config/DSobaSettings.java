package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.DSoba;
import java.util.Map;

/**
 * D-SOBA (ALGORITHMS.md section 7), with exact second-order products or (d-soba-fo) finite differences.
 *
 * @param firstOrder whether the type is d-soba-fo
 * @param theta      moving-average weight of the hypergradient; default 0.5; in (0, 1]
 * @param delta      d-soba-fo only: finite-difference step; default 1e-5; {@code > 0}
 */
public record DSobaSettings(boolean firstOrder, double theta, double delta) implements AlgorithmSettings {

  static DSobaSettings read(SectionReader r, boolean firstOrder) {
    double theta = SparkleSettings.theta(r);
    // D-SOBA ignores delta, so it does not read it (and an entry that sets it is refused).
    return new DSobaSettings(firstOrder, theta, firstOrder ? r.positive("delta") : DSoba.DEFAULT_DELTA);
  }

  @Override
  public String defaultLabel() {
    return firstOrder ? "D-SOBA-fo" : "D-SOBA";
  }

  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    return new DSoba(c.label(), c.steps(), theta, firstOrder, delta, c.seed(), c.batch());
  }

  @Override
  public void writeKeys(Map<String, Object> out) {
    out.put("theta", theta);
    if (firstOrder) out.put("delta", delta);
  }
}
