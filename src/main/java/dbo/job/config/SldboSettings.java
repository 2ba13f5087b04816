package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Sldbo;
import java.util.Map;

/** SLDBO (ALGORITHMS.md section 4): no keys beyond the common ones; label "SLDBO". */
public record SldboSettings() implements AlgorithmSettings {

  static SldboSettings read(SectionReader r) {
    return new SldboSettings();
  }

  @Override
  public String defaultLabel() {
    return "SLDBO";
  }

  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    return new Sldbo(c.label(), c.steps(), c.seed(), c.batch());
  }

  @Override
  public void writeKeys(Map<String, Object> out) {}
}
