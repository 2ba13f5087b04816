package dbo.algorithm;

import dbo.problem.LocalProblem;
import java.io.Serializable;

/**
 * A decentralized bilevel method written as pure per-agent steps, so that the in-process runner and the
 * Spark runner execute the same code (ARCHITECTURE.md, "one iteration as data"). One iteration is
 * {@link #rounds()} mixing rounds; in round r every agent first builds its {@link #message}, the runner
 * mixes the messages over the graph (sum_j w_ij m_j in ascending j), and every agent then applies
 * {@link #update} with its mixed message. Oracle calls happen only inside {@link #initialize} and
 * {@link #update} and are counted in the state.
 *
 * <p>Lifecycle: initialize once per agent; then for k = 1..K and r = 0..rounds()-1: message, mix, update.
 * Implementations are immutable configuration plus these functions; all per-agent data lives in the
 * algorithm's own state type {@code S} and in the {@link LocalProblem}. {@code update} returns a new state
 * and leaves its argument untouched.
 *
 * @param <S> the algorithm's per-agent state
 */
public interface AgentAlgorithm<S extends AgentState> extends Serializable {
  /** Label used in metrics and manifests, e.g. "S3LDBO(p=0.2)". */
  String label();

  /** The class of this algorithm's states, which runners use to check restored states. */
  Class<S> stateType();

  /**
   * {@code saved} (for example read back from a checkpoint) as a state of this algorithm.
   *
   * @throws IllegalStateException naming both types when it is another algorithm's state
   */
  default S restored(AgentState saved) {
    if (!stateType().isInstance(saved)) {
      throw new IllegalStateException("a saved agent state is a " + saved.getClass().getSimpleName() + ", but "
          + label() + " keeps " + stateType().getSimpleName() + "s; the states were saved by another algorithm");
    }
    return stateType().cast(saved);
  }

  /** Mixing rounds per iteration. */
  default int rounds() {
    return 1;
  }

  /** The initial state of one agent at (x0, y0, z = 0), including any initial oracle calls. */
  S initialize(int agent, LocalProblem problem, double[] x0, double[] y0);

  /** What the agent sends in round {@code round}. */
  Message message(S state, int round);

  /**
   * The state after applying the mixed message of round {@code round} of iteration {@code iteration}
   * (1-based) to {@code state}, which is not modified.
   */
  S update(S state, int round, Message mixed, LocalProblem problem, long iteration);

  /** Lengths of the upper and lower parts of the round's message, for communication accounting. */
  int[] messageLengths(int round, int dimX, int dimY);

  /**
   * Numbers one message of round {@code round} puts on each link, {upper, lower}: what {@code floats_sent}
   * counts. Default: the message lengths (uncompressed).
   */
  default long[] floatsPerMessage(int round, int dimX, int dimY) {
    int[] len = messageLengths(round, dimX, dimY);
    return new long[] {len[0], len[1]};
  }

  /** Bytes one message of round {@code round} puts on each link, {upper, lower}. Default: 8 per float. */
  default long[] bytesPerMessage(int round, int dimX, int dimY) {
    int[] len = messageLengths(round, dimX, dimY);
    return new long[] {(long) Double.BYTES * len[0], (long) Double.BYTES * len[1]};
  }
}
