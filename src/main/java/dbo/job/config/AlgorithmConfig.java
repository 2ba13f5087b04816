package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.problem.ProblemSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One entry of {@code algorithms}, completed from {@code algorithm-defaults} (ALGORITHMS.md sections 4, 5).
 *
 * @param type   the method, registered in {@link AlgorithmType}
 * @param label  unique name in tables and plots; default {@link AlgorithmSettings#defaultLabel()}
 * @param common the keys every method reads (steps, batch, ...)
 * @param method the keys of this method only
 */
public record AlgorithmConfig(AlgorithmType type, String label, CommonSettings common, AlgorithmSettings method) {

  /** {@code lazy-corrections}. */
  public boolean lazyCorrections() {
    return common.lazyCorrections();
  }

  /** Builds the algorithm with steps scaled by {@code smoothness} (when {@code scale-by-smoothness} is on). */
  public AgentAlgorithm<?> build(String at, ProblemSpec problem, double smoothness, long seed,
      BooleanSupplier cheapFrozenOperators) {
    AgentAlgorithm<?> a = method.build(new AlgorithmContext(at, label, common.steps(smoothness), common.batch(),
        problem, smoothness, seed, cheapFrozenOperators));
    return common.compression().apply(a, seed);
  }

  /** The keys this entry used, resolved, in the config's spelling: type, label, the common keys, its own. */
  public Map<String, Object> resolvedKeys() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", SectionReader.spelling(type));
    out.put("label", label);
    common.writeKeys(out);
    method.writeKeys(out);
    return out;
  }
}
