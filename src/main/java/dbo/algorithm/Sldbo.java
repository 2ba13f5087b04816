package dbo.algorithm;

import static dbo.algorithm.AgentState.HYPERGRADIENT;
import static dbo.algorithm.AgentState.X;
import static dbo.algorithm.AgentState.Y;
import static dbo.algorithm.AgentState.Z;

import dbo.problem.LocalProblem;

/**
 * SLDBO (Dong, Ma, Yang, Yin, arXiv 2311.08945; ALGORITHMS.md section 4): single-loop decentralized
 * bilevel optimization with gradient tracking on all three directions. Per iteration and agent: one
 * mixing round carrying six vectors, then one evaluation of (v, p, u) at the new iterate.
 *
 * <pre>
 *   y+ = W y - beta s;   z+ = Proj(W z - gamma r);   x+ = W x - alpha h
 *   s+ = W s + v+ - v;   r+ = W r + p+ - p;          h+ = W h + u+ - u
 * </pre>
 */
public final class Sldbo implements AgentAlgorithm {
  private static final long serialVersionUID = 1L;
  static final String V = "v";
  static final String P = "p";

  private final String label;
  private final StepSizes steps;

  public Sldbo(String label, StepSizes steps) {
    this.label = label;
    this.steps = steps;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public AgentState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    AgentState st = new AgentState(agent);
    double[] z0 = new double[problem.dimY()];
    st.put(X, x0.clone());
    st.put(Y, y0.clone());
    st.put(Z, z0);
    Directions d = Directions.evaluate(problem, st.counts(), x0, y0, z0);
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
    Directions d = Directions.evaluate(problem, st.counts(), st.get(X), st.get(Y), st.get(Z));
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
    return label + "{SLDBO, " + steps + "}";
  }
}
