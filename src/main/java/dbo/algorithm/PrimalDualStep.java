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
 * <p>State, under the variable's name N (for example "x"): N holds s; N + ".q" the dual (not for DSGD);
 * GT keeps N + ".t" and N + ".wt" between its two rounds. A strategy with fewer rounds than the
 * iteration sends nothing (an empty vector) in the rounds after its own.
 */
final class PrimalDualStep implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double[] NOTHING = new double[0];

  private final Strategy strategy;
  private final String name;
  private final String dual;
  private final String pendingT;
  private final String pendingWt;

  PrimalDualStep(Strategy strategy, String name) {
    this.strategy = strategy;
    this.name = name;
    this.dual = name + ".q";
    this.pendingT = name + ".t";
    this.pendingWt = name + ".wt";
  }

  Strategy strategy() {
    return strategy;
  }

  /** Stores s^0 and the zero dual. */
  void initialize(AgentState st, double[] s0) {
    st.put(name, s0.clone());
    // EXTRA's dual is stored only once its first (deferred) update has happened; see the class comment.
    if (strategy == Strategy.ED || strategy == Strategy.GT) st.put(dual, new double[s0.length]);
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
  double[] outgoing(AgentState st, int round, double eta, double[] d) {
    if (!sends(round)) return NOTHING;
    return switch (strategy) {
      case EXTRA -> st.get(name);
      case GT -> round == 0 ? t(st, eta, d) : st.get(pendingWt);
      case ED, DSGD -> t(st, eta, d);
    };
  }

  /**
   * Applies the mixed vector of round {@code round} (eta and d as given to {@link #outgoing}). Returns
   * true when s+ is now stored, i.e. in this variable's last round.
   */
  boolean incoming(AgentState st, int round, double[] mixed, double eta, double[] d) {
    if (!sends(round)) return false;
    switch (strategy) {
      case DSGD -> st.put(name, mixed);
      case ED -> {
        double[] t = t(st, eta, d);
        st.put(dual, Vectors.addSub(st.get(dual), t, mixed));
        st.put(name, mixed);
      }
      case EXTRA -> {
        double[] s = st.get(name);
        double[] q = st.vectors().containsKey(dual) ? Vectors.addSub(st.get(dual), s, mixed)
            : new double[s.length];
        st.put(dual, q);
        st.put(name, Vectors.sub(Vectors.axpy(mixed, -eta, d), q));
      }
      case GT -> {
        if (round == 0) {
          st.put(pendingT, t(st, eta, d));
          st.put(pendingWt, mixed);
          return false;
        }
        double[] t = st.get(pendingT);
        double[] wt = st.get(pendingWt);
        double[] q = st.get(dual).clone();
        for (int i = 0; i < q.length; i++) q[i] += t[i] - 2.0 * wt[i] + mixed[i];
        st.put(dual, q);
        st.put(name, mixed);
      }
      default -> throw new IllegalStateException("unknown strategy " + strategy);
    }
    return true;
  }

  /** t = s - eta d - q (C = 0 for ED, GT, DSGD; DSGD has no dual). */
  private double[] t(AgentState st, double eta, double[] d) {
    double[] a = Vectors.axpy(st.get(name), -eta, d);
    return strategy == Strategy.DSGD ? a : Vectors.sub(a, st.get(dual));
  }

  @Override
  public String toString() {
    return name + ":" + strategy.configName();
  }
}
