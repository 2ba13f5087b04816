package dbo.algorithm;

import dbo.linalg.Vectors;
import dbo.problem.FrozenOperators;
import dbo.problem.LocalProblem;
import dbo.problem.Minibatch;
import dbo.random.RandomStreams;
import java.util.Objects;

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
 * <p>With {@code refresh = adaptive} the rule is the agent's own drift test ({@link DriftTrigger}): no clock;
 * its memory travels in the state, and the one draw per snapshot comes from the agent's stream (seed, agent,
 * REFRESH, number of refreshes so far).
 *
 * <p>Mini-batches (an extension the paper leaves open): with {@code batch} > 0 a refreshing agent draws a
 * fresh mini-batch for f and for g (draw step = iteration, 0 at initialization) and evaluates its new
 * snapshot on it; a non-refreshing agent draws nothing. In operators mode the frozen operators are those
 * of the snapshot's batch, re-drawn from the stored snapshot step when applied.
 */
public final class SnapshotSldbo implements AgentAlgorithm<SnapshotSldboState> {
  private static final long serialVersionUID = 1L;

  private final String label;
  private final StepSizes steps;
  private final RefreshRule refresh;
  private final double probability;
  private final int tau;
  private final boolean stagger;
  private final SnapshotMode snapshot;
  private final long seed;
  private final int batch;
  private final DriftTrigger trigger;

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
    this(label, steps, refresh, probability, tau, stagger, snapshot, seed, batch, DriftTrigger.DEFAULT);
  }

  /** @param trigger the drift test of {@code refresh = adaptive} (ignored by the other rules) */
  public SnapshotSldbo(String label, StepSizes steps, RefreshRule refresh, double probability, int tau,
      boolean stagger, SnapshotMode snapshot, long seed, int batch, DriftTrigger trigger) {
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
    this.trigger = Objects.requireNonNull(trigger, "trigger");
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Class<SnapshotSldboState> stateType() {
    return SnapshotSldboState.class;
  }

  @Override
  public SnapshotSldboState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    double[] x = x0.clone();
    double[] y = y0.clone();
    double[] z = new double[problem.dimY()];
    OracleCounts counts = new OracleCounts();
    Snapshot d = refreshAt(agent, problem, 0, counts, x, y, z);
    return new SnapshotSldboState(agent, x, y, z, d.v(), d.p(), d.u(), d.v().clone(), d.p().clone(),
        d.u().clone(), d.frozen(), counts, 0,
        refresh == RefreshRule.ADAPTIVE ? trigger.start(x, y, z, drawForWait(agent, 0)) : null);
  }

  @Override
  public Message message(SnapshotSldboState st, int round) {
    return TrackedStep.message(st.x(), st.y(), st.z(), st.s(), st.r(), st.h());
  }

  @Override
  public SnapshotSldboState update(SnapshotSldboState st, int round, Message mixed, LocalProblem problem,
      long iteration) {
    TrackedStep.Primal next = TrackedStep.primalStep(mixed, st.s(), st.r(), st.h(), steps);
    OracleCounts counts = st.counts();
    long refreshes = st.refreshes();
    Snapshot d;
    double[][] before = {st.x(), st.y(), st.z()};
    double[][] after = {next.x(), next.y(), next.z()};
    boolean adaptive = refresh == RefreshRule.ADAPTIVE;
    boolean fired = adaptive ? trigger.fires(st.drift(), before, after) : fires(st.agent(), iteration);
    if (fired) {
      counts = counts.copy();
      d = refreshAt(st.agent(), problem, iteration, counts, next.x(), next.y(), next.z());
      refreshes++;
    } else if (snapshot == SnapshotMode.OPERATORS) {
      SnapshotSldboState.Frozen f = st.frozen();
      FrozenOperators ops = snapshotOracles(st.agent(), f, problem).freeze(f.x(), f.y());
      double[][] pu = Directions.fromFrozen(ops, f.gradXf(), f.gradYf(), next.z());
      d = new Snapshot(st.v(), pu[0], pu[1], f);
    } else {
      d = new Snapshot(st.v(), st.p(), st.u(), null);
    }
    // s+ = W s + v^+ - v^, likewise r and h: a zero correction (up to rounding) when v^ did not move.
    double[] s = Vectors.addSub(next.ws(), d.v(), st.v());
    double[] r = Vectors.addSub(next.wr(), d.p(), st.p());
    double[] h = Vectors.addSub(next.wh(), d.u(), st.u());
    return new SnapshotSldboState(st.agent(), next.x(), next.y(), next.z(), d.v(), d.p(), d.u(), s, r, h,
        d.frozen(), counts, refreshes,
        adaptive ? trigger.advance(st.drift(), before, after, fired, fired ? drawForWait(st.agent(), refreshes) : 1.0)
            : null);
  }

  /** Adaptive rule: the draw u in (0, 1] of the wait that follows the agent's {@code refreshes}-th refresh. */
  private double drawForWait(int agent, long refreshes) {
    return 1.0 - RandomStreams.of(seed, agent, RandomStreams.REFRESH, refreshes).nextDouble();
  }

  /** The snapshot directions v^, p^, u^ and, in operators mode, what is frozen at the snapshot. */
  private record Snapshot(double[] v, double[] p, double[] u, SnapshotSldboState.Frozen frozen) {}

  /** The oracles of the snapshot's draw: the shard itself without batches. */
  private LocalProblem snapshotOracles(int agent, SnapshotSldboState.Frozen f, LocalProblem problem) {
    return batch == 0 ? problem : Minibatch.draw(problem, seed, agent, f.step(), batch);
  }

  /**
   * A snapshot at (x, y, z), paying its oracles (added to {@code c}) on draw {@code step}.
   */
  private Snapshot refreshAt(int agent, LocalProblem full, long step, OracleCounts c, double[] x, double[] y,
      double[] z) {
    LocalProblem problem = Minibatch.draw(full, seed, agent, step, batch);
    if (snapshot == SnapshotMode.OUTPUTS) {
      Directions d = Directions.evaluate(problem, c, x, y, z);
      return new Snapshot(d.v(), d.p(), d.u(), null);
    }
    double[] v = problem.gradYLower(x, y);
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
    return new Snapshot(v, pu[0], pu[1], new SnapshotSldboState.Frozen(x, y, gxf, gyf, step));
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
        throw new IllegalStateException("refresh rule " + refresh + " does not fire by (agent, iteration)");
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
        + ", batch=" + batch + (refresh == RefreshRule.ADAPTIVE ? ", " + trigger : "") + "}";
  }
}
