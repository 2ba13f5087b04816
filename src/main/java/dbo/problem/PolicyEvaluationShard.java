package dbo.problem;

import dbo.data.SyntheticMarkovChain;
import dbo.linalg.Matrices;
import dbo.linalg.Vectors;

/**
 * One agent of {@link PolicyEvaluationProblem} (ALGORITHMS.md, "Decentralized policy evaluation"): m sampled
 * transitions (s_k, s'_k) with the agent's reward r_i, and with x, y in R^D,
 *
 * <pre>
 *   delta_i(x; s, s') = r_i(s) + gamma phi(s')'x - phi(s)'x
 *   g_i(x, y) = (1/2m) sum_k (phi(s_k)'y - delta_i(x; s_k, s'_k))^2 + (mu/2) ||y||^2
 *   f_i(x, y) = (1/2m) sum_k (phi(s_k)'y)^2
 * </pre>
 * In the averages of {@link TransitionStatistics} (C, A, b, G, c): grad_y g = (C + mu I) y + A x - b,
 * grad_x g = A'y + G x - c, H v = (C + mu I) v, J v = A'v, grad_y f = C y, grad_x f = 0, and the TD(0)
 * semi-gradient direction ({@link SemiGradient}) is A x - b. The gradients cost O(D^2) each whatever m; the
 * values are computed from the transitions themselves (a second path the finite-difference tests compare).
 * H and J do not depend on (x, y), so {@link #freeze} returns them.
 *
 * <p>Mini-batches: f and g each average over their own drawn rows of the same m transitions
 * ({@link #upperSamples()} = m). Evaluation (the full shard only) reports f_i at (x, y), f_i at (x, y*(x))
 * with the team's exact lower solution y*(x) = (Cbar + mu I)^{-1}(bbar - Abar x), the MSPBE of the agent's
 * held-out transitions (rewarded with the team's r_bar) and the value error ||Phi(x - x_pop)||_d.
 */
public final class PolicyEvaluationShard implements LocalProblem, SemiGradient {
  private static final long serialVersionUID = 1L;

  private final int dim;
  private final int states;
  private final double gamma;
  private final double mu;
  private final double[] phi;
  private final double[] reward;
  private final SyntheticMarkovChain.Transitions transitions;
  /** g's and f's rows of the transitions (null: every row, the full shard) and their statistics. */
  private final int[] lowerRows;
  private final int[] upperRows;
  private final TransitionStatistics lower;
  private final TransitionStatistics upper;
  /** Evaluation only (null in mini-batch views). */
  private final Reference reference;

  /**
   * What the evaluation needs beyond the training transitions: the team's pooled statistics (for y*(x)),
   * the agent's held-out statistics, the stationary distribution d and the population fixed point x_pop.
   */
  record Reference(TransitionStatistics team, TransitionStatistics heldOut, double[] stationary, double[] xPop)
      implements java.io.Serializable {}

  PolicyEvaluationShard(int dim, int states, double gamma, double mu, double[] phi, double[] reward,
      SyntheticMarkovChain.Transitions transitions, int[] lowerRows, int[] upperRows, Reference reference) {
    this.dim = dim;
    this.states = states;
    this.gamma = gamma;
    this.mu = mu;
    this.phi = phi;
    this.reward = reward;
    this.transitions = transitions;
    this.lowerRows = lowerRows;
    this.upperRows = upperRows;
    this.lower = TransitionStatistics.of(phi, states, dim, gamma, reward, transitions, lowerRows);
    this.upper = lowerRows == upperRows ? lower
        : TransitionStatistics.of(phi, states, dim, gamma, reward, transitions, upperRows);
    this.reference = reference;
  }

  @Override
  public int dimX() {
    return dim;
  }

  @Override
  public int dimY() {
    return dim;
  }

  @Override
  public int shardSize() {
    return lower.m();
  }

  @Override
  public int upperSamples() {
    return upper.m();
  }

  /** (1/2m) ||Phi_s y||^2 over f's rows. */
  @Override
  public double upperValue(double[] x, double[] y) {
    double[] phiS = design(upperRows)[0];
    int m = upper.m();
    return m == 0 ? 0.0 : 0.5 / m * Vectors.normSquared(Matrices.multiplyVector(phiS, m, dim, false, y));
  }

  /** (1/2m) ||Phi_s y + E x - r||^2 + (mu/2) ||y||^2 over g's rows (E x - r = -delta(x)). */
  @Override
  public double lowerValue(double[] x, double[] y) {
    double[][] d = design(lowerRows);
    int m = lower.m();
    double[] e = Vectors.sub(Vectors.add(Matrices.multiplyVector(d[0], m, dim, false, y),
        Matrices.multiplyVector(d[1], m, dim, false, x)), d[2]);
    double fit = m == 0 ? 0.0 : 0.5 / m * Vectors.normSquared(e);
    return fit + 0.5 * mu * Vectors.normSquared(y);
  }

  @Override
  public double[] gradXUpper(double[] x, double[] y) {
    return new double[dim];
  }

  @Override
  public double[] gradYUpper(double[] x, double[] y) {
    return times(upper.c(), y);
  }

  @Override
  public double[] gradYLower(double[] x, double[] y) {
    return Vectors.sub(Vectors.add(times(lower.regularizedC(mu), y), times(lower.a(), x)), lower.b());
  }

  @Override
  public double[] gradXLower(double[] x, double[] y) {
    return Vectors.sub(Vectors.add(timesTransposed(lower.a(), y), times(lower.g(), x)), lower.cx());
  }

  @Override
  public double[] hessianVector(double[] x, double[] y, double[] v) {
    return times(lower.regularizedC(mu), v);
  }

  @Override
  public double[] jacobianVector(double[] x, double[] y, double[] v) {
    return timesTransposed(lower.a(), v);
  }

  /** A x - b: minus the mean of phi(s) delta_i(x; s, s') over g's rows. */
  @Override
  public double[] semiGradient(double[] x) {
    return Vectors.sub(times(lower.a(), x), lower.b());
  }

  @Override
  public FrozenOperators freeze(double[] x, double[] y) {
    return new Frozen(lower.regularizedC(mu), lower.a(), dim);
  }

  @Override
  public PolicyEvaluationShard minibatch(int[] upperRows, int[] lowerRows) {
    // Rows index the full shard's rows; a view of a view would need composing them, which Minibatch never asks.
    if (this.lowerRows != null) throw new IllegalStateException("a mini-batch view is not re-sampled");
    return new PolicyEvaluationShard(dim, states, gamma, mu, phi, reward, transitions, lowerRows.clone(),
        upperRows.clone(), null);
  }

  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    if (reference == null) throw new IllegalStateException("a mini-batch view is not evaluated");
    double loss = 0.5 * Vectors.dot(y, times(upper.c(), y));
    double[] yStar = lowerSolution(reference.team(), x);
    double objective = 0.5 * Vectors.dot(yStar, times(upper.c(), yStar));
    return Evaluation.withReference(loss, objective, mspbe(reference.heldOut(), x), valueError(x));
  }

  /**
   * The (mu-regularized) mean squared projected Bellman error of x on the transitions behind {@code s}:
   * (1/2) y'C y at y = (C + mu I)^{-1}(b - A x), which is f(x, y*(x)) of those transitions and, for mu = 0,
   * (1/2) ||b - A x||^2 in the norm of C^{-1}.
   */
  double mspbe(TransitionStatistics s, double[] x) {
    double[] y = lowerSolution(s, x);
    return 0.5 * Vectors.dot(y, times(s.c(), y));
  }

  /** (C + mu I)^{-1}(b - A x) of the statistics {@code s}. */
  private double[] lowerSolution(TransitionStatistics s, double[] x) {
    return DenseSymmetric.solve(s.regularizedC(mu), dim, Vectors.sub(s.b(), times(s.a(), x)), 1);
  }

  /** ||Phi (x - x_pop)||_d = sqrt(sum_s d(s) (phi(s)'(x - x_pop))^2). */
  double valueError(double[] x) {
    double[] diff = Matrices.multiplyVector(phi, states, dim, false, Vectors.sub(x, reference.xPop()));
    double sum = 0;
    for (int s = 0; s < states; s++) sum += reference.stationary()[s] * diff[s] * diff[s];
    return Math.sqrt(sum);
  }

  private double[][] design(int[] rows) {
    return TransitionStatistics.design(phi, states, dim, gamma, reward, transitions, rows);
  }

  private double[] times(double[] m, double[] v) {
    return Matrices.multiplyVector(m, dim, dim, false, v);
  }

  private double[] timesTransposed(double[] m, double[] v) {
    return Matrices.multiplyVector(m, dim, dim, true, v);
  }

  /** The statistics this shard's g averages (for the problem's pooled averages and tests). */
  TransitionStatistics lowerStatistics() {
    return lower;
  }

  /** H = C + mu I and J = A' of the shard: constants in (x, y). */
  private record Frozen(double[] h, double[] a, int dim) implements FrozenOperators {
    @Override
    public double[] hessianVector(double[] v) {
      return Matrices.multiplyVector(h, dim, dim, false, v);
    }

    @Override
    public double[] jacobianVector(double[] v) {
      return Matrices.multiplyVector(a, dim, dim, true, v);
    }
  }
}
