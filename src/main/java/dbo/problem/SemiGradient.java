package dbo.problem;

/**
 * A capability of a shard whose upper variable x also poses a single-level problem without the bilevel
 * structure, solved by a fixed point of a local direction rather than by a minimum: policy evaluation's
 * TD(0) (ALGORITHMS.md, "Single-level Exact Diffusion"). Single-level methods (type
 * {@code single-level-ed}) need it and refuse problems whose spec is not a {@link SemiGradient.Problem}.
 */
public interface SemiGradient {
  /**
   * The agent's semi-gradient direction h_i(x), the negative of its expected TD(0) update: with the
   * shard's m transitions, h_i(x) = -(1/m) sum_k phi(s_k) delta_i(x; s_k, s'_k) = A_i x - b_i. A view of
   * {@link LocalProblem#minibatch} averages over its lower rows.
   */
  double[] semiGradient(double[] x);

  /** A problem spec whose every shard (and every mini-batch view of one) implements {@link SemiGradient}. */
  interface Problem extends ProblemSpec {}
}
