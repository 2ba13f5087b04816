package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Sparkle;
import dbo.algorithm.SparkleVariant;
import dbo.algorithm.Strategy;
import java.util.Map;
import java.util.function.Function;

/**
 * SPARKLE (ALGORITHMS.md section 6). Type {@code sparkle} reads its pair of strategies from
 * {@code x-strategy} and {@code yz-strategy} (default GT on both); the named types (sparkle-ed-gt, ...)
 * fix the pair themselves.
 *
 * @param variant        the strategies on the y, z level and on the x level
 * @param strategiesRead whether the variant came from the keys (type sparkle)
 * @param theta          moving-average weight of the hypergradient; default 0.5; in (0, 1]
 */
public record SparkleSettings(SparkleVariant variant, boolean strategiesRead, double theta)
    implements AlgorithmSettings {

  static SparkleSettings read(SectionReader r) {
    Strategy x = r.enumValue("x-strategy", Strategy.class, "a strategy");
    Strategy yz = r.enumValue("yz-strategy", Strategy.class, "a strategy");
    return new SparkleSettings(new SparkleVariant(yz, x), true, theta(r));
  }

  /** The reader of a named type, whose variant is fixed. */
  static Function<SectionReader, AlgorithmSettings> named(SparkleVariant variant) {
    return r -> new SparkleSettings(variant, false, theta(r));
  }

  static double theta(SectionReader r) {
    return r.doubleIn("theta", 0.0, true, 1.0);
  }

  /** "SPARKLE-ED-GT" and the like. */
  @Override
  public String defaultLabel() {
    return variant.label();
  }

  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    return new Sparkle(c.label(), c.steps(), variant, theta, c.seed(), c.batch());
  }

  @Override
  public boolean correctsHeterogeneity(boolean xLevel) {
    Strategy s = xLevel ? variant.x() : variant.yz();
    return s == Strategy.EXTRA || s == Strategy.ED;
  }

  @Override
  public void writeKeys(Map<String, Object> out) {
    out.put("theta", theta);
    if (strategiesRead) {
      out.put("x-strategy", SectionReader.spelling(variant.x()));
      out.put("yz-strategy", SectionReader.spelling(variant.yz()));
    }
  }
}
