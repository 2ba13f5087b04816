package dbo.algorithm;

import dbo.linalg.Vectors;
import dbo.problem.LocalProblem;
import dbo.problem.Minibatch;

/**
 * SPARKLE (Zhu, Kong, Lu, Huang, Yuan; NeurIPS 2024, arXiv 2411.14166; ALGORITHMS.md section 6): a
 * single-loop method whose heterogeneity correction is chosen per level from the primal-dual template of
 * section 3. Per iteration k and agent:
 *
 * <pre>
 *   v, p, u at (x^k, y^k, z^k)                                    (1 grad g, 1 grad f, 1 HVP, 1 JVP)
 *   m^{k+1} = (1 - theta) m^k + theta u^k                          moving average of the hypergradient
 *   y^{k+1} = template(yz-strategy, s = y, d = v,       eta = beta)
 *   z^{k+1} = Proj(template(yz-strategy, s = z, d = p,  eta = gamma))     Proj only with a finite z-radius
 *   x^{k+1} = template(x-strategy,  s = x, d = m^{k+1}, eta = alpha)
 * </pre>
 * An iteration is max(rounds(x-strategy), rounds(yz-strategy)) mixing rounds (GT: 2, others: 1); in a
 * round where a level is done its message part is empty and costs nothing. The oracles are evaluated in
 * the last round, at the new iterate, and kept for the next iteration's messages.
 *
 * <p>Choices the paper leaves open: the average starts at the first estimate, m^0 = u^0 (so the first x
 * step uses u^0; starting at 0 would shrink the first 1/theta steps); z^0 = 0; all duals start at 0; the
 * z projection, off by default, is applied after the template step and makes the template inexact.
 * With {@code batch} > 0 each evaluation draws one mini-batch for f and one for g ({@link Minibatch},
 * step = iteration, 0 at initialization), shared by the oracles of that evaluation.
 */
public final class Sparkle implements AgentAlgorithm<SparkleState> {
  private static final long serialVersionUID = 1L;

  private final String label;
  private final StepSizes steps;
  private final SparkleVariant variant;
  private final double theta;
  private final boolean firstOrder;
  private final double delta;
  private final long seed;
  private final int batch;
  private final PrimalDualStep xStep;
  private final PrimalDualStep yStep;
  private final PrimalDualStep zStep;
  private final int rounds;

  /**
   * SPARKLE with exact second-order oracles.
   *
   * @param label name in metrics, e.g. {@code variant.label()}
   * @param steps alpha (x), beta (y), gamma (z), z-radius (infinite = no projection)
   * @param variant strategies for y, z and for x ({@code yz-strategy}, {@code x-strategy})
   * @param theta moving-average weight in (0, 1]; 1 turns the average off
   * @param seed master seed of the mini-batch streams
   * @param batch samples per oracle draw, >= 0; 0 (default) = full shard, deterministic
   */
  public Sparkle(String label, StepSizes steps, SparkleVariant variant, double theta, long seed, int batch) {
    this(label, steps, variant, theta, false, 1.0, seed, batch);
  }

  /** As above, optionally with finite-difference HVP and JVP of step delta > 0 (D-SOBA's {@code fo}). */
  Sparkle(String label, StepSizes steps, SparkleVariant variant, double theta, boolean firstOrder, double delta,
      long seed, int batch) {
    if (!(theta > 0 && theta <= 1)) {
      throw new IllegalArgumentException("theta = " + theta + " is out of range; allowed: 0 < theta <= 1");
    }
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("delta = " + delta + " is out of range; allowed: a finite number > 0");
    }
    if (batch < 0) throw new IllegalArgumentException("batch = " + batch + " is out of range; allowed: >= 0");
    this.label = label;
    this.steps = steps;
    this.variant = variant;
    this.theta = theta;
    this.firstOrder = firstOrder;
    this.delta = delta;
    this.seed = seed;
    this.batch = batch;
    this.xStep = new PrimalDualStep(variant.x(), "x");
    this.yStep = new PrimalDualStep(variant.yz(), "y");
    this.zStep = new PrimalDualStep(variant.yz(), "z");
    this.rounds = Math.max(variant.x().rounds(), variant.yz().rounds());
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public int rounds() {
    return rounds;
  }

  @Override
  public Class<SparkleState> stateType() {
    return SparkleState.class;
  }

  @Override
  public SparkleState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    PrimalDualVariable x = xStep.initialize(x0);
    PrimalDualVariable y = yStep.initialize(y0);
    PrimalDualVariable z = zStep.initialize(new double[problem.dimY()]);
    OracleCounts counts = new OracleCounts();
    Directions d = evaluate(agent, problem, 0, counts, x.s(), y.s(), z.s());
    return new SparkleState(agent, x, y, z, d.v(), d.p(), d.u(), d.u().clone(), counts, 0);
  }

  @Override
  public Message message(SparkleState st, int round) {
    return new Message(xStep.outgoing(st.xVar(), round, steps.alpha(), st.m()),
        Vectors.concat(yStep.outgoing(st.yVar(), round, steps.beta(), st.v()),
            zStep.outgoing(st.zVar(), round, steps.gamma(), st.p())));
  }

  @Override
  public SparkleState update(SparkleState st, int round, Message mixed, LocalProblem problem, long iteration) {
    int q = problem.dimY();
    int yLen = yStep.length(round, q);
    PrimalDualVariable x = xStep.incoming(st.xVar(), round, mixed.upper(), steps.alpha(), st.m());
    PrimalDualVariable y = yStep.incoming(st.yVar(), round, Vectors.slice(mixed.lower(), 0, yLen), steps.beta(),
        st.v());
    PrimalDualVariable z = zStep.incoming(st.zVar(), round, Vectors.slice(mixed.lower(), yLen,
        zStep.length(round, q)), steps.gamma(), st.p());
    if (round < rounds - 1) {
      return new SparkleState(st.agent(), x, y, z, st.v(), st.p(), st.u(), st.m(), st.counts(), st.refreshes());
    }
    z = z.withS(Vectors.projectBall(z.s(), steps.zRadius()));
    OracleCounts counts = st.counts().copy();
    Directions d = evaluate(st.agent(), problem, iteration, counts, x.s(), y.s(), z.s());
    double[] m = Vectors.axpy(Vectors.scale(1.0 - theta, st.m()), theta, d.u());
    return new SparkleState(st.agent(), x, y, z, d.v(), d.p(), d.u(), m, counts, st.refreshes() + 1);
  }

  /** v, p, u at (x, y, z), on draw {@code step} when sampling. */
  private Directions evaluate(int agent, LocalProblem problem, long step, OracleCounts counts, double[] x,
      double[] y, double[] z) {
    LocalProblem oracles = Minibatch.draw(problem, seed, agent, step, batch);
    return firstOrder
        ? Directions.evaluateFirstOrder(oracles, counts, x, y, z, delta)
        : Directions.evaluate(oracles, counts, x, y, z);
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return new int[] {xStep.length(round, dimX), yStep.length(round, dimY) + zStep.length(round, dimY)};
  }

  public SparkleVariant variant() {
    return variant;
  }

  @Override
  public String toString() {
    return label + "{SPARKLE, yz-strategy=" + variant.yz().configName() + ", x-strategy="
        + variant.x().configName() + ", " + steps + ", theta=" + theta
        + (firstOrder ? ", variant=fo, delta=" + delta : "") + ", batch=" + batch + ", seed=" + seed + "}";
  }
}
