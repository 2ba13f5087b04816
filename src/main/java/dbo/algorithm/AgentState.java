package dbo.algorithm;

import dbo.linalg.Vectors;
import java.io.Serializable;
import java.util.List;

/**
 * What every algorithm's per-agent state gives the runtime: the agent, its iterates x_i, y_i, z_i, its
 * current local hypergradient estimate (reported as a metric), its oracle counts and its refresh count.
 * Each algorithm has its own typed state (a record with named vectors) implementing this; random streams
 * are keyed by iteration ({@link dbo.random.RandomStreams}), so no stream position is stored.
 *
 * <p>States are immutable by convention: an {@link AgentAlgorithm} returns a new state and never writes
 * into a state's vectors or counts, so a state that a cached Spark RDD still holds can be handed to it as
 * is. New states may share unchanged vectors with the old one.
 */
public interface AgentState extends Serializable {
  int agent();

  /** The upper iterate x_i. */
  double[] x();

  /** The lower iterate y_i. */
  double[] y();

  /** The auxiliary iterate z_i (MDBO: its Neumann estimate of H_i^{-1} grad_y f_i). */
  double[] z();

  /** The agent's current local hypergradient estimate u_i. */
  double[] hypergradient();

  /** Cumulative oracle calls; not to be modified. */
  OracleCounts counts();

  /** Number of snapshot refreshes so far (every iteration for methods without snapshots). */
  long refreshes();

  /**
   * Every vector the state holds, in a fixed order per state type (absent optional vectors left out):
   * for tests that compare two states and for {@link #allFinite()}.
   */
  List<double[]> vectors();

  /** Whether every entry of every vector is finite. */
  default boolean allFinite() {
    boolean finite = true;
    for (double[] v : vectors()) finite &= Vectors.isFinite(v);
    return finite;
  }

  /** The given vectors without the nulls (optional vectors not yet or never present). */
  static List<double[]> present(double[]... vectors) {
    List<double[]> out = new java.util.ArrayList<>(vectors.length);
    for (double[] v : vectors) if (v != null) out.add(v);
    return List.copyOf(out);
  }
}
