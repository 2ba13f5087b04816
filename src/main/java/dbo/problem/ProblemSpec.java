package dbo.problem;

import java.io.Serializable;
import java.util.Optional;

/**
 * A small, serializable description of a decentralized bilevel problem from which every agent's shard is
 * built where it lives (on a Spark executor, or in the in-process runner). Building is a pure function of
 * (spec, agent): the same agent always gets the same bits.
 */
public interface ProblemSpec extends Serializable {
  /** Short name used in manifests, e.g. "quadratic". */
  String name();

  /** Number of agents n. */
  int agents();

  int dimX();

  int dimY();

  /** Builds agent {@code agent}'s shard and local objectives (0 <= agent < n). */
  LocalProblem build(int agent);

  /** The exact solution x* when it is known in closed form. */
  default Optional<double[]> solution() {
    return Optional.empty();
  }

  /**
   * An estimate L of the smoothness (largest curvature) of the problem; default step sizes are scaled
   * by 1/L.
   */
  double smoothness();

  /** Initial upper variable shared by every agent (zeros unless a problem says otherwise). */
  default double[] initialX() {
    return new double[dimX()];
  }

  /** Initial lower variable shared by every agent. */
  default double[] initialY() {
    return new double[dimY()];
  }

  /** Per-agent shard sizes, for the manifest. */
  int[] shardSizes();

  /**
   * The data facts the manifest records as {@code problem.data} (JSON-ready maps, lists, numbers, strings
   * and int arrays, in a fixed key order): where the data came from, the split and the per-agent class
   * histograms. Computed from labels only, never features. Empty (the default, e.g. synthetic problems)
   * means the manifest has no {@code data} entry.
   */
  default java.util.Map<String, Object> describeData() {
    return java.util.Map.of();
  }
}
