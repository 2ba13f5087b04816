package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Mdbo;
import java.util.Map;

/**
 * MDBO (ALGORITHMS.md section 7).
 *
 * @param theta        moving-average weight of the hypergradient; default 0.5; in (0, 1]
 * @param neumannTerms {@code neumann-terms} K of the Neumann series; default 10; {@code >= 0}
 */
public record MdboSettings(double theta, int neumannTerms) implements AlgorithmSettings {

  static MdboSettings read(SectionReader r) {
    return new MdboSettings(SparkleSettings.theta(r), r.intAtLeast("neumann-terms", 0));
  }

  @Override
  public String defaultLabel() {
    return "MDBO";
  }

  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    return new Mdbo(c.label(), c.steps(), theta, neumannTerms, c.smoothness(), c.seed(), c.batch());
  }

  @Override
  public void writeKeys(Map<String, Object> out) {
    out.put("theta", theta);
    out.put("neumann-terms", neumannTerms);
  }
}
