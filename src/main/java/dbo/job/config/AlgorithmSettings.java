package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.problem.ProblemSpec;
import java.util.Map;

/**
 * The keys one method of {@link AlgorithmType} reads beyond the {@link CommonSettings}, validated on load by
 * its own {@code read(SectionReader)}, and everything the rest of the code needs to know about the method:
 * its default label, how to build it, whether it corrects heterogeneity with EXTRA or ED, and its resolved
 * keys for the run manifest. Its keys, defaults and ranges are documented in {@code reference.conf}
 * (section {@code algorithm-defaults}).
 */
public interface AlgorithmSettings {

  /** The label an entry without {@code label} gets, e.g. "S3LDBO(p=0.2)" or "SPARKLE-ED-GT". */
  String defaultLabel();

  /**
   * Whether it can run on this problem at all. Most methods run on every problem; a method tied to one kind
   * of problem (single-level ED needs a TD(0) semi-gradient, d-maml few-shot tasks) says no here, its
   * {@link #build} refuses the others in one line, and the registry-driven tests skip them by asking this.
   */
  default boolean runsOn(ProblemSpec problem) {
    return true;
  }

  /** The algorithm; throws {@link IllegalArgumentException} (naming {@code c.at()}) when it cannot run. */
  AgentAlgorithm<?> build(AlgorithmContext c);

  /**
   * Whether it corrects heterogeneity with EXTRA or ED on the x level ({@code xLevel}) or the y, z level:
   * such a level mixes with the lazy (W + I)/2 when {@code lazy-corrections} is on (ALGORITHMS.md section 2).
   */
  default boolean correctsHeterogeneity(boolean xLevel) {
    return false;
  }

  /** Adds the keys it read, with their resolved values as the config spells them, for the manifest. */
  void writeKeys(Map<String, Object> out);
}
