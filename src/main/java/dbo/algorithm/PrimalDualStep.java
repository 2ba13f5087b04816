package dbo.algorithm;

import dbo.linalg.Vectors;
import java.io.Serializable;

/**
 * One variable's step of the primal-dual heterogeneity correction (ALGORITHMS.md section 3), on one
 * agent, for any {@link Strategy}:
 *
 * <pre>
 *   t+ = (I - C) s - eta d - q,     q+ = q + B2 t+,     s+ = A t+,     q^0 = 0.
 * </pre>
 * Products with W are the runner's mixing rounds; (I - W) t = t - W t is local. The rounds are scheduled
 * so that each round mixes exactly one vector of this variable:
 * <ul>
 *   <li>ED, DSGD: send t, receive W t; then q+ = q + t - W t (ED) and s+ = W t.</li>
 *   <li>GT: round 0 sends t and receives W t; round 1 sends W t and receives W^2 t; then
 *       q+ = q + t - 2 W t + W^2 t and s+ = W^2 t.</li>
 *   <li>EXTRA: s+ = t, so the W t that the dual update needs is the W s of the next step. The round sends
 *       s^k and receives W s^k = W t^k; the agent first completes the previous dual update
 *       q^k = q^{k-1} + t^k - W t^k (skipped at the first step, where q^0 = 0), then sets
 *       s^{k+1} = t^{k+1} = W s^k - eta d^k - q^k. One round, and no W s^0 is needed at the start. The stored
 *       dual therefore lags: after step k it is q^k, the dual that produced s^{k+1}.</li>
 * </ul>
 * The first step is s^1 = A (I - C) s^0 - eta A d^0 (q^0 = 0); from then on each strategy equals its
 * two-step recursion of {@link Strategy}. The direction d is whatever the caller evaluated at s^k (or a
 * moving average of it); the step is the caller's eta.
 *
 * <p>State: one {@link PrimalDualVariable} per variable. A strategy with fewer
 * rounds than the iteration sends nothing (an empty vector) in the rounds after its own.
 */
final class PrimalDualStep implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double[] NOTHING = new double[0];

  private final Strategy strategy;
  private final String name;

  /** @param name the variable's name, for {@link #toString()} */
  PrimalDualStep(Strategy strategy, String name) {
    this.strategy = strategy;
    this.name = name;
  }

  Strategy strategy() {
    return strategy;
  }

  /** s^0 (a copy) and the zero dual. */
  PrimalDualVariable initialize(double[] s0) {
    // EXTRA's dual is stored only once its first (deferred) update has happened; see the class comment.
    double[] q = strategy == Strategy.ED || strategy == Strategy.GT ? new double[s0.length] : null;
    return new PrimalDualVariable(s0.clone(), q, null, null);
  }

  /** Whether this variable sends anything in round {@code round}. */
  boolean sends(int round) {
    return round < strategy.rounds();
  }

  /** Length of what this variable sends in round {@code round}: its dimension, or 0 when silent. */
  int length(int round, int dim) {
    return sends(round) ? dim : 0;
  }

  /** The vector this variable sends in round {@code round}; empty when it is silent. */
  double[] outgoing(PrimalDualVariable v, int round, double eta, double[] d) {
    if (!sends(round)) return NOTHING;
    return switch (strategy) {
      case EXTRA -> v.s();
      case GT -> round == 0 ? t(v, eta, d) : v.wt();
      case ED, DSGD -> t(v, eta, d);
    };
  }

  /**
   * The variable after the mixed vector of round {@code round} (eta and d as given to {@link #outgoing});
   * {@code v} itself when the variable is silent in that round. s+ is in place after the variable's last
   * round ({@link #sends}).
   */
  PrimalDualVariable incoming(PrimalDualVariable v, int round, double[] mixed, double eta, double[] d) {
    if (!sends(round)) return v;
    return switch (strategy) {
      case DSGD -> new PrimalDualVariable(mixed, null, null, null);
      case ED -> {
        double[] t = t(v, eta, d);
        yield new PrimalDualVariable(mixed, Vectors.addSub(v.q(), t, mixed), null, null);
      }
      case EXTRA -> {
        double[] s = v.s();
        double[] q = v.q() != null ? Vectors.addSub(v.q(), s, mixed) : new double[s.length];
        yield new PrimalDualVariable(Vectors.sub(Vectors.axpy(mixed, -eta, d), q), q, null, null);
      }
      case GT -> {
        if (round == 0) yield new PrimalDualVariable(v.s(), v.q(), t(v, eta, d), mixed);
        double[] t = v.t();
        double[] wt = v.wt();
        double[] q = v.q().clone();
        for (int i = 0; i < q.length; i++) q[i] += t[i] - 2.0 * wt[i] + mixed[i];
        // t and W t are spent; q carries every non-finite entry they had.
        yield new PrimalDualVariable(mixed, q, null, null);
      }
    };
  }

  /** t = s - eta d - q (C = 0 for ED, GT, DSGD; DSGD has no dual). */
  private double[] t(PrimalDualVariable v, double eta, double[] d) {
    double[] a = Vectors.axpy(v.s(), -eta, d);
    return strategy == Strategy.DSGD ? a : Vectors.sub(a, v.q());
  }

  @Override
  public String toString() {
    return name + ":" + strategy.configName();
  }
}
