package dbo.algorithm;

import dbo.linalg.Vectors;
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
public final class Sldbo implements AgentAlgorithm<SldboState> {
  private static final long serialVersionUID = 1L;

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
  public Class<SldboState> stateType() {
    return SldboState.class;
  }

  @Override
  public SldboState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    double[] z0 = new double[problem.dimY()];
    OracleCounts counts = new OracleCounts();
    Directions d = Directions.evaluate(Minibatch.draw(problem, seed, agent, 0, batch), counts, x0, y0, z0);
    return new SldboState(agent, x0.clone(), y0.clone(), z0, d.v(), d.p(), d.u(), d.v().clone(), d.p().clone(),
        d.u().clone(), counts, 0);
  }

  @Override
  public Message message(SldboState st, int round) {
    return TrackedStep.message(st.x(), st.y(), st.z(), st.s(), st.r(), st.h());
  }

  @Override
  public SldboState update(SldboState st, int round, Message mixed, LocalProblem problem, long iteration) {
    TrackedStep.Primal next = TrackedStep.primalStep(mixed, st.s(), st.r(), st.h(), steps);
    OracleCounts counts = st.counts().copy();
    Directions d = Directions.evaluate(Minibatch.draw(problem, seed, st.agent(), iteration, batch), counts,
        next.x(), next.y(), next.z());
    double[] s = Vectors.addSub(next.ws(), d.v(), st.v());
    double[] r = Vectors.addSub(next.wr(), d.p(), st.p());
    double[] h = Vectors.addSub(next.wh(), d.u(), st.u());
    return new SldboState(st.agent(), next.x(), next.y(), next.z(), d.v(), d.p(), d.u(), s, r, h, counts,
        st.refreshes() + 1);
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
