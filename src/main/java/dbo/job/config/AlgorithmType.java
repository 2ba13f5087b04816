package dbo.job.config;

import dbo.algorithm.SparkleVariant;
import dbo.algorithm.Strategy;
import java.util.function.Function;

/**
 * The registry of methods: the values of {@code algorithms[].type}, in the order they are documented, each
 * spelled in configuration as its name in lower case with dashes ({@link SectionReader#spelling}). Adding a
 * method: its algorithm in {@code dbo.algorithm}, its {@link AlgorithmSettings} record here, its keys in
 * {@code reference.conf}, and one constant below.
 */
public enum AlgorithmType {
  SLDBO(SldboSettings::read),
  S3LDBO(S3ldboSettings::read),
  SPARKLE(SparkleSettings::read),
  SPARKLE_GT(SparkleSettings.named(SparkleVariant.of(Strategy.GT))),
  SPARKLE_EXTRA(SparkleSettings.named(SparkleVariant.of(Strategy.EXTRA))),
  SPARKLE_ED(SparkleSettings.named(SparkleVariant.of(Strategy.ED))),
  SPARKLE_ED_GT(SparkleSettings.named(new SparkleVariant(Strategy.ED, Strategy.GT))),
  SPARKLE_EXTRA_GT(SparkleSettings.named(new SparkleVariant(Strategy.EXTRA, Strategy.GT))),
  D_SOBA(r -> DSobaSettings.read(r, false)),
  D_SOBA_FO(r -> DSobaSettings.read(r, true)),
  MA_DSBO_GT(MaDsboGtSettings::read),
  MDBO(MdboSettings::read),
  SINGLE_LEVEL_ED(SingleLevelEdSettings::read);

  private final Function<SectionReader, AlgorithmSettings> reader;

  AlgorithmType(Function<SectionReader, AlgorithmSettings> reader) {
    this.reader = reader;
  }

  /** Reads and validates this method's own keys from an entry (completed from algorithm-defaults). */
  AlgorithmSettings read(SectionReader r) {
    return reader.apply(r);
  }
}
