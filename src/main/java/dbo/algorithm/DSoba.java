package dbo.algorithm;

import dbo.problem.LocalProblem;

/**
 * D-SOBA (Kong et al., arXiv 2402.03167; ALGORITHMS.md section 7): decentralized SOBA, i.e. the DSGD row
 * of the template on every level plus the moving average of the hypergradient,
 *
 * <pre>
 *   y+ = W(y - beta v),   z+ = Proj(W(z - gamma p)),   m+ = (1 - theta) m + theta u,   x+ = W(x - alpha m+),
 * </pre>
 * one mixing round per iteration, all oracles at (x^k, y^k, z^k). It is {@link Sparkle} with
 * {@code SparkleVariant.of(Strategy.DSGD)}, plus the first-order variant {@code fo}, which replaces the HVP
 * and JVP by forward differences of gradients of g with step delta
 * ({@link Directions#evaluateFirstOrder}; oracle cost per iteration: 1 gradient of f, 3 of g).
 * No heterogeneity correction: with heterogeneous agents it converges to a neighbourhood of x* whose
 * size grows with the step sizes and the heterogeneity.
 */
public final class DSoba implements AgentAlgorithm<SparkleState> {
  private static final long serialVersionUID = 1L;
  /** Default finite-difference step of the {@code fo} variant. */
  public static final double DEFAULT_DELTA = 1e-5;

  private final Sparkle core;

  /**
   * @param label name in metrics, e.g. "D-SOBA" or "D-SOBA-fo"
   * @param steps alpha, beta, gamma, z-radius
   * @param theta moving-average weight in (0, 1]; 1 turns the average off
   * @param firstOrder the {@code fo} variant: finite differences instead of HVP and JVP (needs
   *     {@link LocalProblem#gradXLower})
   * @param delta finite-difference step > 0 ({@value #DEFAULT_DELTA} suggested); ignored unless firstOrder
   * @param seed master seed of the mini-batch streams
   * @param batch samples per oracle draw, >= 0 (0 = full shard)
   */
  public DSoba(String label, StepSizes steps, double theta, boolean firstOrder, double delta, long seed,
      int batch) {
    this.core = new Sparkle(label, steps, SparkleVariant.of(Strategy.DSGD), theta, firstOrder, delta, seed, batch);
  }

  @Override
  public String label() {
    return core.label();
  }

  @Override
  public int rounds() {
    return core.rounds();
  }

  @Override
  public Class<SparkleState> stateType() {
    return core.stateType();
  }

  @Override
  public SparkleState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    return core.initialize(agent, problem, x0, y0);
  }

  @Override
  public Message message(SparkleState state, int round) {
    return core.message(state, round);
  }

  @Override
  public SparkleState update(SparkleState state, int round, Message mixed, LocalProblem problem,
      long iteration) {
    return core.update(state, round, mixed, problem, iteration);
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return core.messageLengths(round, dimX, dimY);
  }

  @Override
  public String toString() {
    return core.toString().replace("{SPARKLE, yz-strategy=dsgd, x-strategy=dsgd", "{D-SOBA");
  }
}
