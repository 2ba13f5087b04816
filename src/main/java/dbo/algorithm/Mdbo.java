package dbo.algorithm;

import dbo.linalg.Vectors;
import dbo.problem.LocalProblem;
import dbo.problem.Minibatch;

/**
 * MDBO (Gao, Gu, Thai, "Stochastic bilevel distributed optimization over a network", AISTATS 2023;
 * ALGORITHMS.md section 7): no auxiliary iterate z; each agent estimates H_i^{-1} grad_y f_i by a
 * truncated Neumann series, keeps momentum on its lower gradient and on its hypergradient estimate, and
 * tracks both with gradient tracking. Per iteration and agent, one mixing round carrying (x, h) on the x
 * graph and (y, s) on the y, z graph:
 *
 * <pre>
 *   y+ = W y - beta s,              x+ = W x - alpha h
 *   v+ = grad_y g(x+, y+)
 *   zhat = (1/L) sum_{j=0..K} (I - H/L)^j grad_y f(x+, y+)          (K HVPs)
 *   u+ = grad_x f(x+, y+) - J zhat                                  (1 JVP)
 *   a+ = (1 - theta) a + theta v+,  m+ = (1 - theta) m + theta u+   momentum
 *   s+ = W s + a+ - a,              h+ = W h + m+ - m               tracking
 * </pre>
 * Oracle cost per iteration: 1 gradient of g, 1 of f, K HVPs, 1 JVP.
 *
 * <p>Choices the paper leaves open: classical (one-round) gradient tracking as in SLDBO, not the
 * two-round adapt-then-combine form; one momentum weight theta for both momenta; momenta and trackers
 * start at the first directions (a^0 = s^0 = v^0, m^0 = h^0 = u^0); the series has K + 1 terms
 * j = 0..K, costing K HVPs (K = 0 is grad_y f / L); L is a given scale that must bound the largest
 * eigenvalue of every agent's H_i for the series to converge (pass the problem's smoothness estimate);
 * all K products use the same mini-batch as the rest of the evaluation. Each agent's series inverts its
 * own H_i, so under heterogeneity the method converges to a neighbourhood of x* even with exact oracles.
 * The Neumann estimate is the state's {@link MdboState#z()} (it plays z's role); step gamma and the
 * z-radius are unused.
 */
public final class Mdbo implements AgentAlgorithm<MdboState> {
  private static final long serialVersionUID = 1L;
  /** Default number K of Neumann terms (HVPs per iteration). */
  public static final int DEFAULT_NEUMANN_TERMS = 10;

  private final String label;
  private final StepSizes steps;
  private final double theta;
  private final int neumannTerms;
  private final double neumannScale;
  private final long seed;
  private final int batch;

  /**
   * @param label name in metrics, e.g. "MDBO"
   * @param steps alpha (x) and beta (y); gamma and z-radius unused
   * @param theta momentum weight in (0, 1] for both momenta; 1 turns momentum off
   * @param neumannTerms K >= 0, HVPs per iteration ({@value #DEFAULT_NEUMANN_TERMS} suggested)
   * @param neumannScale L > 0, at least the largest eigenvalue of every H_i (the problem's smoothness)
   * @param seed master seed of the mini-batch streams
   * @param batch samples per oracle draw, >= 0 (0 = full shard)
   */
  public Mdbo(String label, StepSizes steps, double theta, int neumannTerms, double neumannScale, long seed,
      int batch) {
    if (!(theta > 0 && theta <= 1)) {
      throw new IllegalArgumentException("theta = " + theta + " is out of range; allowed: 0 < theta <= 1");
    }
    if (neumannTerms < 0) {
      throw new IllegalArgumentException("neumann-terms = " + neumannTerms + " is out of range; allowed: >= 0");
    }
    if (!(neumannScale > 0) || Double.isInfinite(neumannScale)) {
      throw new IllegalArgumentException("Neumann scale L = " + neumannScale
          + " is out of range; allowed: a finite number > 0");
    }
    if (batch < 0) throw new IllegalArgumentException("batch = " + batch + " is out of range; allowed: >= 0");
    this.label = label;
    this.steps = steps;
    this.theta = theta;
    this.neumannTerms = neumannTerms;
    this.neumannScale = neumannScale;
    this.seed = seed;
    this.batch = batch;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Class<MdboState> stateType() {
    return MdboState.class;
  }

  @Override
  public MdboState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    double[] x = x0.clone();
    double[] y = y0.clone();
    OracleCounts c = new OracleCounts();
    Estimates e = evaluate(agent, problem, 0, c, x, y);
    return new MdboState(agent, x, y, e.zhat(), e.v(), e.u(), e.v().clone(), e.u().clone(), e.v().clone(),
        e.u().clone(), c, 0);
  }

  @Override
  public Message message(MdboState st, int round) {
    return new Message(Vectors.concat(st.x(), st.h()), Vectors.concat(st.y(), st.s()));
  }

  @Override
  public MdboState update(MdboState st, int round, Message mixed, LocalProblem problem, long iteration) {
    int p = problem.dimX();
    int q = problem.dimY();
    double[] wx = Vectors.slice(mixed.upper(), 0, p);
    double[] wh = Vectors.slice(mixed.upper(), p, p);
    double[] wy = Vectors.slice(mixed.lower(), 0, q);
    double[] ws = Vectors.slice(mixed.lower(), q, q);
    double[] y = Vectors.axpy(wy, -steps.beta(), st.s());
    double[] x = Vectors.axpy(wx, -steps.alpha(), st.h());
    OracleCounts c = st.counts().copy();
    Estimates e = evaluate(st.agent(), problem, iteration, c, x, y);
    double[] a = momentum(st.a(), e.v());
    double[] m = momentum(st.m(), e.u());
    double[] s = Vectors.addSub(ws, a, st.a());
    double[] h = Vectors.addSub(wh, m, st.m());
    return new MdboState(st.agent(), x, y, e.zhat(), e.v(), e.u(), a, m, s, h, c, st.refreshes() + 1);
  }

  private double[] momentum(double[] old, double[] fresh) {
    return Vectors.axpy(Vectors.scale(1.0 - theta, old), theta, fresh);
  }

  /** v, the Neumann estimate and u at one (x, y). */
  private record Estimates(double[] v, double[] zhat, double[] u) {}

  /** v, the Neumann estimate and u at (x, y), on draw {@code step}; oracle calls added to {@code c}. */
  private Estimates evaluate(int agent, LocalProblem problem, long step, OracleCounts c, double[] x,
      double[] y) {
    LocalProblem oracles = Minibatch.draw(problem, seed, agent, step, batch);
    double[] v = oracles.gradYLower(x, y);
    c.gradG++;
    double[] gradXf = oracles.gradXUpper(x, y);
    double[] gradYf = oracles.gradYUpper(x, y);
    c.gradF++;
    double[] zhat = neumann(oracles, c, x, y, gradYf);
    double[] u = Vectors.sub(gradXf, oracles.jacobianVector(x, y, zhat));
    c.jvp++;
    return new Estimates(v, zhat, u);
  }

  /** (1/L) sum_{j=0..K} (I - H/L)^j g, one HVP per power. */
  double[] neumann(LocalProblem oracles, OracleCounts c, double[] x, double[] y, double[] g) {
    double inv = 1.0 / neumannScale;
    double[] term = Vectors.scale(inv, g);
    double[] sum = term.clone();
    for (int j = 1; j <= neumannTerms; j++) {
      term = Vectors.axpy(term, -inv, oracles.hessianVector(x, y, term));
      c.hvp++;
      Vectors.addScaledInPlace(sum, 1.0, term);
    }
    return sum;
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return new int[] {2 * dimX, 2 * dimY};
  }

  @Override
  public String toString() {
    return label + "{MDBO, alpha=" + steps.alpha() + ", beta=" + steps.beta() + ", theta=" + theta
        + ", neumann-terms=" + neumannTerms + ", neumann-scale=" + neumannScale + ", batch=" + batch
        + ", seed=" + seed + "}";
  }
}
