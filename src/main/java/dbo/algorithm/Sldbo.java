package dbo.algorithm;

import static dbo.algorithm.AgentState.HYPERGRADIENT;
import static dbo.algorithm.AgentState.X;
import static dbo.algorithm.AgentState.Y;
import static dbo.algorithm.AgentState.Z;

import dbo.problem.LocalProblem;
import dbo.problem.Minibatch;

/**
 * SLDBO (Dong, Ma, Yang, Yin, arXiv 2311.08945; ALGORITHMS.md section 4): single-loop decentralized
 * bilevel optimization with gradient tracking on all three directions. Per iteration and agent: one
 * mixing round carrying six vectors, then one evaluation of (v, p, u) at the new iterate.
 *
 * <pre>
 *   y+ = W y - beta s;   z+ = Proj(W z - gamma r);   x+ = W x - alpha h
 *   s+ = W s + v+ - v;   r+ = W r + p+ - p;          h+ = W h + u+ - u
 * </pre>
 * With {@code batch} > 0 each evaluation uses one mini-batch for f and one for g ({@link Minibatch}, draw
 * step = iteration, 0 at initialization).
 */
public final class Sldbo implements AgentAlgorithm {
  private static final long serialVersionUID = 1L;
  static final String V = "v";
  static final String P = "p";

  private final String label;
  private final StepSizes steps;
  private final long seed;
  private final int batch;

  /** SLDBO with full-shard (deterministic) oracles. */
  public Sldbo(String label, StepSizes steps) {
    this(label, steps, 0, 0);
  }

  /**
   * @param seed master seed of the mini-batch streams
   * @param batch samples per oracle draw, >= 0 (0 = full shard, deterministic)
   */
  public Sldbo(String label, StepSizes steps, long seed, int batch) {
    if (batch < 0) throw new IllegalArgumentException("batch = " + batch + " is out of range; allowed: >= 0");
    this.label = label;
    this.steps = steps;
    this.seed = seed;
    this.batch = batch;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public AgentState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    AgentState st = AgentState.startingAt(agent, x0, y0, problem.dimY());
    double[] z0 = st.get(Z);
    Directions d = Directions.evaluate(Minibatch.draw(problem, seed, agent, 0, batch), st.counts(), x0, y0, z0);
    st.put(V, d.v());
    st.put(P, d.p());
    st.put(HYPERGRADIENT, d.u());
    st.put(TrackedStep.S, d.v().clone());
    st.put(TrackedStep.R, d.p().clone());
    st.put(TrackedStep.H, d.u().clone());
    return st;
  }

  @Override
  public Message message(AgentState state, int round) {
    return TrackedStep.message(state);
  }

  @Override
  public void update(AgentState st, int round, Message mixed, LocalProblem problem, long iteration) {
    double[][] trackers = TrackedStep.primalStep(st, mixed, steps);
    Directions d = Directions.evaluate(Minibatch.draw(problem, seed, st.agent(), iteration, batch), st.counts(),
        st.get(X), st.get(Y), st.get(Z));
    TrackedStep.track(st, trackers, d.v(), st.get(V), d.p(), st.get(P), d.u(), st.get(HYPERGRADIENT));
    st.put(V, d.v());
    st.put(P, d.p());
    st.put(HYPERGRADIENT, d.u());
    st.addRefresh();
    st.setIteration(iteration);
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return TrackedStep.messageLengths(dimX, dimY);
  }

  public StepSizes steps() {
    return steps;
  }

  @Override
  public String toString() {
    return label + "{SLDBO, " + steps + (batch > 0 ? ", batch=" + batch + ", seed=" + seed : "") + "}";
  }
}
