package dbo.algorithm;

import static dbo.algorithm.AgentState.HYPERGRADIENT;
import static dbo.algorithm.AgentState.X;
import static dbo.algorithm.AgentState.Y;
import static dbo.algorithm.AgentState.Z;

import dbo.problem.FrozenOperators;
import dbo.problem.LocalProblem;
import dbo.problem.Minibatch;
import dbo.random.RandomStreams;

/**
 * S3LDBO, Snapshot-SLDBO (Yin, Dong, Ma, Wang, Yang, arXiv 2605.31311; ALGORITHMS.md section 5): SLDBO whose
 * trackers follow snapshot directions. After the primal step an agent refreshes its snapshot to the new
 * iterate, and pays the oracles, only when its {@link RefreshRule} fires; otherwise it computes no
 * gradient, HVP or JVP and its tracking correction is zero ({@code snapshot = outputs}), or it applies
 * operators frozen at its snapshot to the current z ({@code snapshot = operators}).
 *
 * <p>Invariant: mean_i s_i = mean_i v^_i (likewise r, h) at every iteration. With p = 1 or tau = 1 every
 * agent refreshes every iteration and the method is SLDBO, bit for bit. Communication is SLDBO's.
 *
 * <p>Mini-batches (an extension the paper leaves open): with {@code batch} > 0 a refreshing agent draws a
 * fresh mini-batch for f and for g (draw step = iteration, 0 at initialization) and evaluates its new
 * snapshot on it; a non-refreshing agent draws nothing. In operators mode the frozen operators are those
 * of the snapshot's batch, re-drawn from the stored snapshot step when applied.
 */
public final class SnapshotSldbo implements AgentAlgorithm {
  private static final long serialVersionUID = 1L;
  /** Snapshot point and frozen upper gradients, kept only in operators mode. */
  static final String X_HAT = "x^";
  static final String Y_HAT = "y^";
  static final String GRAD_X_F_HAT = "gxf^";
  static final String GRAD_Y_F_HAT = "gyf^";
  /** Draw step of the snapshot's mini-batch (one entry), kept only in operators mode with batches. */
  static final String STEP_HAT = "k^";

  private final String label;
  private final StepSizes steps;
  private final RefreshRule refresh;
  private final double probability;
  private final int tau;
  private final boolean stagger;
  private final SnapshotMode snapshot;
  private final long seed;
  private final int batch;

  /** S3LDBO with full-shard (deterministic) oracles; see the full constructor. */
  public SnapshotSldbo(String label, StepSizes steps, RefreshRule refresh, double probability, int tau,
      boolean stagger, SnapshotMode snapshot, long seed) {
    this(label, steps, refresh, probability, tau, stagger, snapshot, seed, 0);
  }

  /**
   * @param probability p in (0, 1], used by bernoulli and shared-coin
   * @param tau period >= 1, used by periodic
   * @param stagger periodic only: agent i refreshes when (k + i) mod tau = 0 instead of k mod tau = 0
   * @param seed master seed; coins come from RandomStreams (seed, agent or SHARED, REFRESH, iteration)
   * @param batch samples per oracle draw of a refresh, >= 0 (0 = full shard, deterministic)
   */
  public SnapshotSldbo(String label, StepSizes steps, RefreshRule refresh, double probability, int tau,
      boolean stagger, SnapshotMode snapshot, long seed, int batch) {
    if (batch < 0) throw new IllegalArgumentException("batch = " + batch + " is out of range; allowed: >= 0");
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("p = " + probability + " is out of range; allowed: 0 < p <= 1");
    }
    if (tau < 1) throw new IllegalArgumentException("tau = " + tau + " is out of range; allowed: tau >= 1");
    this.label = label;
    this.steps = steps;
    this.refresh = refresh;
    this.probability = probability;
    this.tau = tau;
    this.stagger = stagger;
    this.snapshot = snapshot;
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
    double[][] d = refreshAt(st, problem, 0);
    st.put(TrackedStep.S, d[0].clone());
    st.put(TrackedStep.R, d[1].clone());
    st.put(TrackedStep.H, d[2].clone());
    return st;
  }

  @Override
  public Message message(AgentState state, int round) {
    return TrackedStep.message(state);
  }

  @Override
  public void update(AgentState st, int round, Message mixed, LocalProblem problem, long iteration) {
    double[][] trackers = TrackedStep.primalStep(st, mixed, steps);
    double[] vOld = st.get(Sldbo.V);
    double[] pOld = st.get(Sldbo.P);
    double[] uOld = st.get(HYPERGRADIENT);
    double[][] d;
    if (fires(st.agent(), iteration)) {
      d = refreshAt(st, problem, iteration);
      st.addRefresh();
    } else if (snapshot == SnapshotMode.OPERATORS) {
      FrozenOperators ops = snapshotOracles(st, problem).freeze(st.get(X_HAT), st.get(Y_HAT));
      double[][] pu = Directions.fromFrozen(ops, st.get(GRAD_X_F_HAT), st.get(GRAD_Y_F_HAT), st.get(Z));
      d = new double[][] {vOld, pu[0], pu[1]};
      st.put(Sldbo.P, d[1]);
      st.put(HYPERGRADIENT, d[2]);
    } else {
      d = new double[][] {vOld, pOld, uOld};
    }
    TrackedStep.track(st, trackers, d[0], vOld, d[1], pOld, d[2], uOld);
    st.setIteration(iteration);
  }

  /** The oracles of the snapshot's draw: the shard itself without batches. */
  private LocalProblem snapshotOracles(AgentState st, LocalProblem problem) {
    return batch == 0 ? problem : Minibatch.draw(problem, seed, st.agent(), (long) st.get(STEP_HAT)[0], batch);
  }

  /**
   * Moves the snapshot to the current iterate, pays its oracles on draw {@code step}, stores and returns
   * {v^, p^, u^}.
   */
  private double[][] refreshAt(AgentState st, LocalProblem full, long step) {
    LocalProblem problem = Minibatch.draw(full, seed, st.agent(), step, batch);
    double[] x = st.get(X);
    double[] y = st.get(Y);
    double[] z = st.get(Z);
    double[] v;
    double[] p;
    double[] u;
    if (snapshot == SnapshotMode.OUTPUTS) {
      Directions d = Directions.evaluate(problem, st.counts(), x, y, z);
      v = d.v();
      p = d.p();
      u = d.u();
    } else {
      OracleCounts c = st.counts();
      v = problem.gradYLower(x, y);
      c.gradG++;
      double[] gxf = problem.gradXUpper(x, y);
      double[] gyf = problem.gradYUpper(x, y);
      c.gradF++;
      FrozenOperators ops = problem.freeze(x, y);
      if (ops == null) {
        throw new IllegalStateException("snapshot = operators needs a problem with frozen operators");
      }
      // Freezing H and J costs what one HVP and one JVP cost.
      c.hvp++;
      c.jvp++;
      double[][] pu = Directions.fromFrozen(ops, gxf, gyf, z);
      p = pu[0];
      u = pu[1];
      st.put(X_HAT, x.clone());
      st.put(Y_HAT, y.clone());
      st.put(GRAD_X_F_HAT, gxf);
      st.put(GRAD_Y_F_HAT, gyf);
      if (batch > 0) st.put(STEP_HAT, new double[] {step});
    }
    st.put(Sldbo.V, v);
    st.put(Sldbo.P, p);
    st.put(HYPERGRADIENT, u);
    return new double[][] {v, p, u};
  }

  /** Whether agent {@code agent} refreshes at iteration {@code k} (1-based). */
  boolean fires(int agent, long k) {
    switch (refresh) {
      case BERNOULLI:
        return probability >= 1.0
            || RandomStreams.of(seed, agent, RandomStreams.REFRESH, k).nextDouble() < probability;
      case SHARED_COIN:
        return probability >= 1.0
            || RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.REFRESH, k).nextDouble() < probability;
      case PERIODIC:
        long offset = stagger ? agent % tau : 0;
        return (k + offset) % tau == 0;
      default:
        throw new IllegalStateException("unknown refresh rule " + refresh);
    }
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return TrackedStep.messageLengths(dimX, dimY);
  }

  public SnapshotMode snapshotMode() {
    return snapshot;
  }

  @Override
  public String toString() {
    return label + "{S3LDBO, " + steps + ", refresh=" + refresh.configName() + ", p=" + probability
        + ", tau=" + tau + ", stagger=" + stagger + ", snapshot=" + snapshot.configName() + ", seed=" + seed
        + ", batch=" + batch + "}";
  }
}
