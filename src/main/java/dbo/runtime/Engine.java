package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;
import dbo.problem.Evaluation;
import java.util.List;

/**
 * Moves an {@link AgentAlgorithm}'s messages between agents and keeps their states; does no math of its
 * own. Shards are built once per engine and reused by every algorithm it runs, so an engine is not tied to
 * one state type: each run's code is generic over its algorithm's state type.
 */
public interface Engine extends AutoCloseable {
  /** Builds every agent's initial state for {@code algorithm}, discarding any previous run's states. */
  void start(AgentAlgorithm<?> algorithm);

  /** Runs iteration {@code k} (1-based): every mixing round of it. */
  void iterate(long k);

  /** Per-agent summaries, sorted by agent id. */
  List<AgentReport> reports();

  /**
   * The agents reduced to what a logged iteration needs ({@link Summary#of}, in agent order); O(dim)
   * numbers reach the caller, not one report per agent.
   *
   * @param solution x*, or null when unknown
   */
  Summary summary(double[] solution);

  /** Sum over agents, in agent order, of each shard's evaluation of the model (x, y). */
  dbo.problem.Evaluation evaluate(double[] x, double[] y);

  /**
   * Writes every agent's current state under {@code dir} (a new directory, a plain path or a Hadoop URI such
   * as {@code hdfs://...}) in a form {@link #restore} reads back: Java serialization of the algorithm's
   * {@link dbo.algorithm.AgentState}s, one per agent.
   */
  void saveStates(String dir);

  /** {@link #saveStates(String)} in a local directory. */
  default void saveStates(java.nio.file.Path dir) {
    saveStates(dir.toAbsolutePath().toUri().toString());
  }

  /**
   * Makes the states saved under {@code dir} (a plain path or a Hadoop URI) the current ones, for
   * {@code algorithm}; they must be of its {@link AgentAlgorithm#stateType()}.
   */
  void restore(AgentAlgorithm<?> algorithm, String dir);

  /** {@link #restore(AgentAlgorithm, String)} from a local directory. */
  default void restore(AgentAlgorithm<?> algorithm, java.nio.file.Path dir) {
    restore(algorithm, dir.toAbsolutePath().toUri().toString());
  }

  /** Name for manifests: "in-process" or "spark(local[2])". */
  String describe();

  @Override
  default void close() {}

  /** Sums evaluations in agent order (the input is sorted by agent). */
  static Evaluation sumInOrder(List<Evaluation> byAgent) {
    Evaluation total = new Evaluation(0, 0, 0);
    for (Evaluation e : byAgent) total = total.plus(e);
    return total;
  }
}
