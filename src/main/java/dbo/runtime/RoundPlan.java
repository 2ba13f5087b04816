package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.AgentState;
import dbo.algorithm.Message;
import dbo.problem.LocalProblem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-run constants of the Spark runner's mixing rounds, shipped to each executor once (as a
 * broadcast) instead of with every round's tasks: the algorithm, every agent's in-links and the message
 * lengths, and the shards' partitions (a task needs its agent's to recompute a lost shard). Where links fail
 * or follow a schedule, each task computes its agent's weights of the iteration from the mixing plan (a pure
 * function of the seed and the iteration), so nothing is broadcast per iteration.
 */
final class RoundPlan implements Serializable {
  private static final long serialVersionUID = 1L;
  private final AgentAlgorithm<?> algorithm;
  private final MixingPlan mixing;
  private final Link[][] links;
  private final int[][] lengths;
  private final org.apache.spark.Partition[] shardPartitions;

  RoundPlan(AgentAlgorithm<?> algorithm, MixingPlan plan, int dimX, int dimY,
            org.apache.spark.Partition[] shardPartitions) {
    this.algorithm = algorithm;
    this.shardPartitions = shardPartitions;
    this.mixing = plan;
    this.links = new Link[plan.agents()][];
    for (int i = 0; i < links.length; i++) links[i] = plan.links(i);
    this.lengths = new int[algorithm.rounds()][];
    for (int r = 0; r < lengths.length; r++) lengths[r] = algorithm.messageLengths(r, dimX, dimY);
  }

  int agents() {
    return links.length;
  }

  /** The shard RDD's partition of agent i. */
  org.apache.spark.Partition shardPartition(int agent) {
    return shardPartitions[agent];
  }

  /** Agent i's in-links, ascending by neighbour, including itself. */
  Link[] links(int agent) {
    return links[agent];
  }

  /** The agent's slot before round 0 of iteration 1: its initial state and its first message. */
  AgentSlot initial(int agent, LocalProblem shard, double[] x0, double[] y0) {
    return slot(algorithm, algorithm.initialize(agent, shard, x0, y0), 0);
  }

  /** A restored state's slot: it sends round 0's message next. */
  AgentSlot restored(AgentState state) {
    return slot(algorithm, algorithm.restored(state), 0);
  }

  /**
   * Round {@code round} of iteration {@code k} for one agent: the same envelopes, sum and update as the
   * in-process runner's, then the message of the next round.
   *
   * @param inbox the slots of the agent's in-neighbours (itself included), in the order of {@link #links}
   */
  AgentSlot update(AgentSlot own, List<AgentSlot> inbox, LocalProblem shard, int round, long k) {
    return update(algorithm, own, inbox, shard, round, k);
  }

  private <S extends AgentState> AgentSlot update(AgentAlgorithm<S> a, AgentSlot own, List<AgentSlot> inbox,
                                                  LocalProblem shard, int round, long k) {
    int agent = own.state().agent();
    // The same neighbours as links[agent], in the same order: the inbox's.
    Link[] in = mixing.links(agent, k);
    List<Envelope> envelopes = new ArrayList<>(in.length);
    for (int j = 0; j < in.length; j++) {
      envelopes.add(MixingPlan.envelope(in[j].neighbour(), in[j], inbox.get(j).outgoing()));
    }
    Message mixed = MixingPlan.sum(envelopes, lengths[round][0], lengths[round][1]);
    S next = a.update(a.stateType().cast(own.state()), round, mixed, shard, k);
    return slot(a, next, (round + 1) % a.rounds());
  }

  private static <S extends AgentState> AgentSlot slot(AgentAlgorithm<S> a, AgentState state, int nextRound) {
    S s = a.stateType().cast(state);
    return new AgentSlot(s, a.message(s, nextRound));
  }
}
