package dbo.algorithm;

import dbo.problem.LocalProblem;
import dbo.problem.Minibatch;
import dbo.problem.SemiGradient;

/**
 * The single-level Exact Diffusion baseline of decentralized policy evaluation (ALGORITHMS.md, "Single-level
 * Exact Diffusion"): Exact Diffusion (Yuan, Ying, Zhao, Sayed 2019) applied to the single-level problem each
 * agent can pose without the bilevel structure, decentralized TD(0). Each agent's direction is its TD(0)
 * semi-gradient h_i(x) = -(1/m_i) sum_k phi(s_k) delta_i(x; s_k, s'_k) ({@link SemiGradient}), and x follows
 * ED's template ({@link PrimalDualStep} with {@link Strategy#ED}, the step SPARKLE-ED takes on x):
 *
 * <pre>
 *   t^{k+1} = x^k - alpha h_i(x^k) - q^k,   x^{k+1} = W t^{k+1},   q^{k+1} = q^k + t^{k+1} - W t^{k+1}
 *   (two-step form: x^{k+1} = W(2x^k - x^{k-1} - alpha (h(x^k) - h(x^{k-1}))))
 * </pre>
 * Its fixed point has mean_i h_i(x) = 0, i.e. A x = b: the same x* as the bilevel formulation. One mixing round
 * of x per iteration; no y or z (the state's y is zero, so its {@code upper_loss} f(xbar, 0) is 0; compare it on
 * {@code objective}, {@code test_loss} and {@code estimation_error}). One semi-gradient is one pass over the
 * agent's transitions and is counted as one gradient of g. With {@code batch} > 0 each evaluation averages
 * over one mini-batch of g's rows ({@link Minibatch}, step = iteration, 0 at initialization).
 */
public final class SingleLevelEd implements AgentAlgorithm<SingleLevelEdState> {
  private static final long serialVersionUID = 1L;
  private static final double[] NOTHING = new double[0];

  private final String label;
  private final double alpha;
  private final long seed;
  private final int batch;
  private final PrimalDualStep xStep = new PrimalDualStep(Strategy.ED, "x");

  /**
   * @param alpha the step, >= 0
   * @param seed master seed of the mini-batch streams
   * @param batch samples per semi-gradient, >= 0 (0 = the whole shard, deterministic)
   */
  public SingleLevelEd(String label, double alpha, long seed, int batch) {
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha = " + alpha + " is out of range; allowed: a finite number >= 0");
    }
    if (batch < 0) throw new IllegalArgumentException("batch = " + batch + " is out of range; allowed: >= 0");
    this.label = label;
    this.alpha = alpha;
    this.seed = seed;
    this.batch = batch;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Class<SingleLevelEdState> stateType() {
    return SingleLevelEdState.class;
  }

  @Override
  public SingleLevelEdState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    OracleCounts counts = new OracleCounts();
    PrimalDualVariable x = xStep.initialize(x0);
    double[] h = semiGradient(agent, problem, 0, counts, x.s());
    return new SingleLevelEdState(agent, x, new double[problem.dimY()], h, counts, 0);
  }

  @Override
  public Message message(SingleLevelEdState st, int round) {
    return new Message(xStep.outgoing(st.xVar(), round, alpha, st.h()), NOTHING);
  }

  @Override
  public SingleLevelEdState update(SingleLevelEdState st, int round, Message mixed, LocalProblem problem,
      long iteration) {
    PrimalDualVariable x = xStep.incoming(st.xVar(), round, mixed.upper(), alpha, st.h());
    OracleCounts counts = st.counts().copy();
    double[] h = semiGradient(st.agent(), problem, iteration, counts, x.s());
    return new SingleLevelEdState(st.agent(), x, st.y(), h, counts, st.refreshes() + 1);
  }

  private double[] semiGradient(int agent, LocalProblem problem, long step, OracleCounts counts, double[] x) {
    LocalProblem oracles = Minibatch.draw(problem, seed, agent, step, batch);
    if (!(oracles instanceof SemiGradient s)) {
      throw new IllegalStateException(label + " needs a problem with a TD(0) semi-gradient; "
          + problem.getClass().getSimpleName() + " has none");
    }
    counts.gradG++;
    return s.semiGradient(x);
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return new int[] {xStep.length(round, dimX), 0};
  }

  @Override
  public String toString() {
    return label + "{single-level ED (TD(0)), alpha=" + alpha + ", batch=" + batch + ", seed=" + seed + "}";
  }
}
