package dbo.algorithm;

import dbo.linalg.Vectors;
import dbo.problem.LocalProblem;
import dbo.problem.Minibatch;

/**
 * MA-DSBO-GT (Chen, Huang, Ma, Balasubramanian, arXiv 2210.12839; ALGORITHMS.md section 7): a double
 * loop. One iteration (outer step k) is T + N + 1 mixing rounds:
 *
 * <pre>
 *   rounds 0..T-1 (y graph):   y+ = W y - beta s;   v+ = grad_y g(x^k, y+);   s+ = W s + v+ - v
 *     after the last: grad_x f, grad_y f at (x^k, y^{k+1})               (1 gradient of f)
 *   rounds T..T+N-1 (y graph): z+ = Proj(W z - gamma r);  p+ = H z+ - grad_y f;  r+ = W r + p+ - p
 *     after the last: u^k = grad_x f - J z^{k+1};  m^k = (1 - theta) m^{k-1} + theta u^k   (1 JVP)
 *   round T+N (x graph):       h^k = W h^{k-1} + m^k - m^{k-1};   x^{k+1} = W x^k - alpha h^k
 * </pre>
 * Oracle cost per iteration: T gradients of g, 1 of f, N HVPs, 1 JVP; every inner step is a round with
 * its own oracle call. Defaults T = N = {@value #DEFAULT_INNER_STEPS}.
 *
 * <p>Choices the paper leaves open: inner loops are warm-started from the previous outer step, and their
 * trackers s, r keep running across outer steps (after x moves, the first inner step uses a tracker of
 * the previous point's directions; the invariants mean s = mean v and mean r = mean p still hold);
 * the x tracker is updated in the x round itself from W h^{k-1}, which travels with x, so the x step
 * already uses m^k and needs no extra round; m and h start at the initial estimate u at (x^0, y^0, 0)
 * and s, r at the initial v, p; y, z and x use classical (one-round) gradient tracking.
 * With {@code batch} > 0 every round that calls an oracle draws its own mini-batches, on draw
 * step (k - 1)(T + N + 1) + round + 1 (0 at initialization), so inner draws are independent.
 */
public final class MaDsboGt implements AgentAlgorithm<MaDsboGtState> {
  private static final long serialVersionUID = 1L;
  /** Default number of inner steps T on y and N on z. */
  public static final int DEFAULT_INNER_STEPS = 5;

  private final String label;
  private final StepSizes steps;
  private final double theta;
  private final int innerY;
  private final int innerZ;
  private final long seed;
  private final int batch;

  /**
   * @param label name in metrics, e.g. "MA-DSBO-GT"
   * @param steps alpha (x), beta (y), gamma (z), z-radius
   * @param theta moving-average weight in (0, 1]; 1 turns the average off
   * @param innerY T >= 1 inner steps on y per outer step ({@value #DEFAULT_INNER_STEPS} suggested)
   * @param innerZ N >= 1 inner steps on z per outer step ({@value #DEFAULT_INNER_STEPS} suggested)
   * @param seed master seed of the mini-batch streams
   * @param batch samples per oracle draw, >= 0 (0 = full shard)
   */
  public MaDsboGt(String label, StepSizes steps, double theta, int innerY, int innerZ, long seed, int batch) {
    if (!(theta > 0 && theta <= 1)) {
      throw new IllegalArgumentException("theta = " + theta + " is out of range; allowed: 0 < theta <= 1");
    }
    if (innerY < 1) throw new IllegalArgumentException("inner-steps T = " + innerY + " is out of range; allowed: >= 1");
    if (innerZ < 1) throw new IllegalArgumentException("inner-steps N = " + innerZ + " is out of range; allowed: >= 1");
    if (batch < 0) throw new IllegalArgumentException("batch = " + batch + " is out of range; allowed: >= 0");
    this.label = label;
    this.steps = steps;
    this.theta = theta;
    this.innerY = innerY;
    this.innerZ = innerZ;
    this.seed = seed;
    this.batch = batch;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public int rounds() {
    return innerY + innerZ + 1;
  }

  @Override
  public Class<MaDsboGtState> stateType() {
    return MaDsboGtState.class;
  }

  @Override
  public MaDsboGtState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    double[] z0 = new double[problem.dimY()];
    LocalProblem oracles = Minibatch.draw(problem, seed, agent, 0, batch);
    OracleCounts c = new OracleCounts();
    double[] v = oracles.gradYLower(x0, y0);
    c.gradG++;
    double[] gradXf = oracles.gradXUpper(x0, y0);
    double[] gradYf = oracles.gradYUpper(x0, y0);
    c.gradF++;
    Directions d = new Directions(v, Vectors.sub(oracles.hessianVector(x0, y0, z0), gradYf),
        Vectors.sub(gradXf, oracles.jacobianVector(x0, y0, z0)));
    c.hvp++;
    c.jvp++;
    return new MaDsboGtState(agent, x0.clone(), y0.clone(), z0, d.v(), d.p(), d.u(), gradXf, gradYf,
        d.v().clone(), d.p().clone(), d.u().clone(), d.u().clone(), null, c, 0);
  }

  @Override
  public Message message(MaDsboGtState st, int round) {
    if (round < innerY) return new Message(new double[0], Vectors.concat(st.y(), st.s()));
    if (round < innerY + innerZ) return new Message(new double[0], Vectors.concat(st.z(), st.r()));
    return new Message(Vectors.concat(st.x(), st.h()), new double[0]);
  }

  @Override
  public MaDsboGtState update(MaDsboGtState st, int round, Message mixed, LocalProblem problem,
      long iteration) {
    int p = problem.dimX();
    int q = problem.dimY();
    double[] x = st.x();
    if (round == innerY + innerZ) {
      double[] h = Vectors.addSub(Vectors.slice(mixed.upper(), p, p), st.m(), st.mPrevious());
      double[] xNext = Vectors.axpy(Vectors.slice(mixed.upper(), 0, p), -steps.alpha(), h);
      return new MaDsboGtState(st.agent(), xNext, st.y(), st.z(), st.v(), st.p(), st.u(), st.gradXf(),
          st.gradYf(), st.s(), st.r(), h, st.m(), st.mPrevious(), st.counts(), st.refreshes() + 1);
    }
    long step = (iteration - 1) * rounds() + round + 1;
    LocalProblem oracles = Minibatch.draw(problem, seed, st.agent(), step, batch);
    double[] w0 = Vectors.slice(mixed.lower(), 0, q);
    double[] w1 = Vectors.slice(mixed.lower(), q, q);
    OracleCounts c = st.counts().copy();
    if (round < innerY) {
      double[] y = Vectors.axpy(w0, -steps.beta(), st.s());
      double[] v = oracles.gradYLower(x, y);
      c.gradG++;
      double[] s = Vectors.addSub(w1, v, st.v());
      double[] gradXf = st.gradXf();
      double[] gradYf = st.gradYf();
      if (round == innerY - 1) {
        gradXf = oracles.gradXUpper(x, y);
        gradYf = oracles.gradYUpper(x, y);
        c.gradF++;
      }
      return new MaDsboGtState(st.agent(), x, y, st.z(), v, st.p(), st.u(), gradXf, gradYf, s, st.r(), st.h(),
          st.m(), st.mPrevious(), c, st.refreshes());
    }
    double[] y = st.y();
    double[] z = Vectors.projectBall(Vectors.axpy(w0, -steps.gamma(), st.r()), steps.zRadius());
    double[] pNew = Vectors.sub(oracles.hessianVector(x, y, z), st.gradYf());
    c.hvp++;
    double[] r = Vectors.addSub(w1, pNew, st.p());
    double[] u = st.u();
    double[] m = st.m();
    double[] mPrevious = st.mPrevious();
    if (round == innerY + innerZ - 1) {
      u = Vectors.sub(st.gradXf(), oracles.jacobianVector(x, y, z));
      c.jvp++;
      mPrevious = st.m();
      m = Vectors.axpy(Vectors.scale(1.0 - theta, st.m()), theta, u);
    }
    return new MaDsboGtState(st.agent(), x, y, z, st.v(), pNew, u, st.gradXf(), st.gradYf(), st.s(), r, st.h(),
        m, mPrevious, c, st.refreshes());
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return round < innerY + innerZ ? new int[] {0, 2 * dimY} : new int[] {2 * dimX, 0};
  }

  @Override
  public String toString() {
    return label + "{MA-DSBO-GT, " + steps + ", theta=" + theta + ", T=" + innerY + ", N=" + innerZ
        + ", batch=" + batch + ", seed=" + seed + "}";
  }
}
