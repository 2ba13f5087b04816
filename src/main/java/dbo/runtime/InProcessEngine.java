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
  private Run<?> run;

  /** One algorithm's run on this engine: the algorithm and its agents' states (agent i at index i). */
  private record Run<S extends AgentState>(AgentAlgorithm<S> algorithm, List<S> states) {}

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
  public void start(AgentAlgorithm<?> algorithm) {
    run = initialRun(algorithm);
  }

  private <S extends AgentState> Run<S> initialRun(AgentAlgorithm<S> algorithm) {
    double[] x0 = spec.initialX();
    double[] y0 = spec.initialY();
    List<S> states = new ArrayList<>();
    for (int i = 0; i < shards.length; i++) states.add(algorithm.initialize(i, shards[i], x0, y0));
    return new Run<>(algorithm, List.copyOf(states));
  }

  @Override
  public void iterate(long k) {
    run = next(run, k);
  }

  private <S extends AgentState> Run<S> next(Run<S> run, long k) {
    int n = shards.length;
    AgentAlgorithm<S> algorithm = run.algorithm();
    List<S> states = run.states();
    for (int r = 0; r < algorithm.rounds(); r++) {
      final int round = r;
      final List<S> current = states;
      List<Message> out = agents(n).mapToObj(i -> algorithm.message(current.get(i), round)).toList();
      int[] len = algorithm.messageLengths(r, spec.dimX(), spec.dimY());
      states = agents(n).mapToObj(i -> {
        List<Envelope> inbox = new ArrayList<>();
        for (Link l : plan.links(i, k)) inbox.add(MixingPlan.envelope(l.neighbour(), l, out.get(l.neighbour())));
        return algorithm.update(current.get(i), round, MixingPlan.sum(inbox, len[0], len[1]), shards[i], k);
      }).toList();
    }
    return new Run<>(algorithm, states);
  }

  @Override
  public List<AgentReport> reports() {
    List<AgentReport> out = new ArrayList<>();
    for (AgentState s : run.states()) out.add(AgentReport.of(s));
    return out;
  }

  @Override
  public Summary summary(double[] solution) {
    return Summary.of(reports(), solution, spec.dimX(), spec.dimY());
  }

  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    Evaluation[] all = new Evaluation[shards.length];
    agents(shards.length).forEach(i -> all[i] = shards[i].evaluate(x, y));
    return Engine.sumInOrder(List.of(all));
  }

  /**
   * The agents 0..n-1, in parallel over the JVM's common pool: each agent reads only the previous round's
   * messages and returns its own new state or message (its shard is its own; states are never modified),
   * the results keep agent order, and every sum over agents is formed afterwards in agent order, so the bits
   * do not depend on the thread schedule, and they equal the Spark runner's (whose partitions run the same
   * per-agent code).
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
        out.writeObject(run.states().toArray(new AgentState[0]));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot save agent states in " + dir, e);
    }
  }

  @Override
  public void restore(AgentAlgorithm<?> algorithm, java.nio.file.Path dir) {
    AgentState[] loaded;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.BufferedInputStream(
        java.nio.file.Files.newInputStream(dir.resolve("states.bin"))))) {
      loaded = (AgentState[]) in.readObject();
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read saved agent states in " + dir + ": " + e.getMessage(), e);
    }
    if (loaded.length != shards.length) {
      throw new IllegalStateException("saved states hold " + loaded.length + " agents, expected " + shards.length);
    }
    run = restoredRun(algorithm, loaded);
  }

  private static <S extends AgentState> Run<S> restoredRun(AgentAlgorithm<S> algorithm, AgentState[] loaded) {
    List<S> states = new ArrayList<>();
    for (AgentState s : loaded) states.add(algorithm.restored(s));
    return new Run<>(algorithm, List.copyOf(states));
  }

  /** The current states, for tests that check invariants every iteration. */
  public List<AgentState> states() {
    return List.copyOf(run.states());
  }

  /** The current states as {@code type}, the running algorithm's state type. */
  public <S extends AgentState> List<S> states(Class<S> type) {
    return run.states().stream().map(type::cast).toList();
  }

  @Override
  public String describe() {
    return "in-process";
  }
}
