package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.MaDsboGt;
import java.util.Map;

/**
 * MA-DSBO-GT (ALGORITHMS.md section 7).
 *
 * @param theta       moving-average weight of the hypergradient; default 0.5; in (0, 1]
 * @param innerYSteps {@code inner-y-steps} T per outer step; default 5; {@code >= 1}
 * @param innerZSteps {@code inner-z-steps} N per outer step; default 5; {@code >= 1}
 */
public record MaDsboGtSettings(double theta, int innerYSteps, int innerZSteps) implements AlgorithmSettings {

  static MaDsboGtSettings read(SectionReader r) {
    return new MaDsboGtSettings(SparkleSettings.theta(r), r.intAtLeast("inner-y-steps", 1),
        r.intAtLeast("inner-z-steps", 1));
  }

  @Override
  public String defaultLabel() {
    return "MA-DSBO-GT";
  }

  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    return new MaDsboGt(c.label(), c.steps(), theta, innerYSteps, innerZSteps, c.seed(), c.batch());
  }

  @Override
  public void writeKeys(Map<String, Object> out) {
    out.put("theta", theta);
    out.put("inner-y-steps", innerYSteps);
    out.put("inner-z-steps", innerZSteps);
  }
}
