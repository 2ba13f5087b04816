package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.AgentState;
import dbo.algorithm.Message;
import dbo.problem.Evaluation;
import dbo.problem.LocalProblem;
import dbo.problem.ProblemSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * All agents in one JVM (their per-agent work in parallel over the common fork-join pool, every sum over
 * agents in agent order): the reference against which the Spark runner is checked bit for bit, and the fast
 * path for experiments that fit one machine.
 */
public final class InProcessEngine implements Engine {
  private final ProblemSpec spec;
  private final MixingPlan plan;
  private final LocalProblem[] shards;
  private AgentAlgorithm algorithm;
  private AgentState[] states;

  public InProcessEngine(ProblemSpec spec, MixingPlan plan) {
    if (spec.agents() != plan.agents()) {
      throw new IllegalArgumentException("problem has " + spec.agents() + " agents but the graph has "
          + plan.agents());
    }
    this.spec = spec;
    this.plan = plan;
    this.shards = new LocalProblem[spec.agents()];
    for (int i = 0; i < shards.length; i++) shards[i] = spec.build(i);
  }

  @Override
  public void start(AgentAlgorithm algorithm) {
    this.algorithm = algorithm;
    double[] x0 = spec.initialX();
    double[] y0 = spec.initialY();
    states = new AgentState[shards.length];
    for (int i = 0; i < shards.length; i++) states[i] = algorithm.initialize(i, shards[i], x0, y0);
  }

  @Override
  public void iterate(long k) {
    int n = shards.length;
    for (int r = 0; r < algorithm.rounds(); r++) {
      final int round = r;
      final AgentState[] current = states;
      Message[] out = new Message[n];
      agents(n).forEach(i -> out[i] = algorithm.message(current[i], round));
      int[] len = algorithm.messageLengths(r, spec.dimX(), spec.dimY());
      AgentState[] next = new AgentState[n];
      agents(n).forEach(i -> {
        List<Envelope> inbox = new ArrayList<>();
        for (Link l : plan.links(i)) inbox.add(MixingPlan.envelope(l.neighbour(), l, out[l.neighbour()]));
        AgentState s = current[i].copy();
        algorithm.update(s, round, MixingPlan.sum(inbox, len[0], len[1]), shards[i], k);
        next[i] = s;
      });
      states = next;
    }
  }

  @Override
  public List<AgentReport> reports() {
    List<AgentReport> out = new ArrayList<>();
    for (AgentState s : states) out.add(AgentReport.of(s));
    return out;
  }

  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    Evaluation[] all = new Evaluation[shards.length];
    agents(shards.length).forEach(i -> all[i] = shards[i].evaluate(x, y));
    return Engine.sumInOrder(List.of(all));
  }

  /**
   * The agents 0..n-1, in parallel over the JVM's common pool: each agent reads only the previous round's
   * messages and writes only its own slot (its state is a fresh copy, its shard its own), and every sum over
   * agents is formed afterwards in agent order, so the bits do not depend on the thread schedule, and they
   * equal the Spark runner's (whose partitions run the same per-agent code).
   */
  private static java.util.stream.IntStream agents(int n) {
    return java.util.stream.IntStream.range(0, n).parallel();
  }

  @Override
  public void saveStates(java.nio.file.Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(new java.io.BufferedOutputStream(
          java.nio.file.Files.newOutputStream(dir.resolve("states.bin"))))) {
        out.writeObject(states);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot save agent states in " + dir, e);
    }
  }

  @Override
  public void restore(AgentAlgorithm algorithm, java.nio.file.Path dir) {
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.BufferedInputStream(
        java.nio.file.Files.newInputStream(dir.resolve("states.bin"))))) {
      AgentState[] loaded = (AgentState[]) in.readObject();
      if (loaded.length != shards.length) {
        throw new IllegalStateException("saved states hold " + loaded.length + " agents, expected " + shards.length);
      }
      this.algorithm = algorithm;
      this.states = loaded;
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read saved agent states in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The current states, for tests that check invariants every iteration. */
  public List<AgentState> states() {
    return List.of(states);
  }

  @Override
  public String describe() {
    return "in-process";
  }
}
