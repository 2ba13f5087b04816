package dbo.job.config;

import java.util.function.Function;

/**
 * The registry of problems: the values of {@code problem.type}, each spelled in configuration as its name in
 * lower case with dashes ({@link SectionReader#spelling}), each with its section {@code problem.<spelling>}.
 * Adding a problem: its shard and builder in {@code dbo.problem}, its {@link ProblemSettings} record here,
 * its section in {@code reference.conf}, and one constant below.
 */
public enum ProblemType {
  QUADRATIC(QuadraticSettings::read),
  LOGISTIC(LogisticSettings::read),
  HYPER_CLEANING(HyperCleaningSettings::read),
  POLICY_EVALUATION(PolicyEvaluationSettings::read);

  private final Function<SectionReader, ProblemSettings> reader;

  ProblemType(Function<SectionReader, ProblemSettings> reader) {
    this.reader = reader;
  }

  /** The path of this problem's section, e.g. {@code problem.hyper-cleaning}. */
  public String section() {
    return "problem." + SectionReader.spelling(this);
  }

  /** Reads and validates this problem's section; {@code r} reads the section itself. */
  ProblemSettings read(SectionReader r) {
    return reader.apply(r);
  }
}
