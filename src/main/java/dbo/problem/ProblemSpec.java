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
}
