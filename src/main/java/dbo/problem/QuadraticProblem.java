package dbo.problem;

import dbo.data.ShardSizes;
import dbo.data.SyntheticQuadratic;
import dbo.linalg.Matrices;
import dbo.linalg.Vectors;
import java.util.Optional;

/**
 * The synthetic quadratic bilevel problem with a closed-form answer (ALGORITHMS.md section 8):
 *
 * <pre>
 *   g_i(x, y) = 0.5 y'H_i y - y'(B_i x + c_i),      f_i(x, y) = 0.5 ||y - d_i||^2 + 0.5 rho ||x||^2,
 *   H_i = mu I + A_i'A_i / m_i  (SPD, q x q),       B_i (q x p),
 *   x* = -(M'M + rho I)^{-1} M'(m - dbar),          M = Hbar^{-1} Bbar,  m = Hbar^{-1} cbar,
 * </pre>
 * bars denoting means over agents. Data come from {@link SyntheticQuadratic}; the heterogeneity preset sets
 * the spread s of B_i, c_i, d_i around their common part: iid 0 (identical B, c, d), mild
 * {@value #MILD_SPREAD}, severe {@value #SEVERE_SPREAD} (deviations larger than the common part, whose
 * entries have unit scale).
 *
 * @param agents n >= 1 ({@code problem.agents})
 * @param dimX p >= 1 ({@code problem.quadratic.dim-x}, suggested default {@value #DEFAULT_DIM_X})
 * @param dimY q in [1, {@value #MAX_DIM_Y}] ({@code problem.quadratic.dim-y}, suggested default
 *     {@value #DEFAULT_DIM_Y}); bounded because the driver solves q x q systems for x* and L
 * @param rho upper-level ridge > 0, finite ({@code problem.quadratic.rho}, suggested default
 *     {@value #DEFAULT_RHO}); makes x* unique
 * @param mu lower-level ridge > 0, finite ({@code problem.quadratic.mu}, suggested default
 *     {@value #DEFAULT_MU}); g_i is mu-strongly convex in y
 * @param samples nominal shard size m >= 1 ({@code problem.quadratic.samples}, suggested default
 *     {@value #DEFAULT_SAMPLES}); rows of A_i
 * @param heterogeneity spread preset of B, c, d
 * @param unequalShards whether shard sizes vary across agents (log-uniform factor in [0.25, 2])
 * @param seed master seed
 */
public record QuadraticProblem(int agents, int dimX, int dimY, double rho, double mu, int samples,
                               Heterogeneity heterogeneity, boolean unequalShards, long seed)
    implements ProblemSpec {
  public static final int DEFAULT_DIM_X = 10;
  public static final int DEFAULT_DIM_Y = 20;
  public static final double DEFAULT_RHO = 0.1;
  public static final double DEFAULT_MU = 0.5;
  public static final int DEFAULT_SAMPLES = 100;
  public static final int MAX_DIM_Y = 4096;
  /** Spread of B_i, c_i, d_i around the common part for the {@code mild} preset. */
  public static final double MILD_SPREAD = 0.25;
  /** Spread of B_i, c_i, d_i around the common part for the {@code severe} preset. */
  public static final double SEVERE_SPREAD = 1.5;

  public QuadraticProblem {
    if (agents < 1) {
      throw new IllegalArgumentException("problem.agents = " + agents + " is out of range; allowed: an integer >= 1");
    }
    if (dimX < 1) {
      throw new IllegalArgumentException("problem.quadratic.dim-x = " + dimX
          + " is out of range; allowed: an integer >= 1");
    }
    if (dimY < 1 || dimY > MAX_DIM_Y) {
      throw new IllegalArgumentException("problem.quadratic.dim-y = " + dimY
          + " is out of range; allowed: an integer in [1, " + MAX_DIM_Y + "]");
    }
    if (!(rho > 0.0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException("problem.quadratic.rho = " + rho
          + " is out of range; allowed: a finite number > 0");
    }
    if (!(mu > 0.0) || Double.isInfinite(mu)) {
      throw new IllegalArgumentException("problem.quadratic.mu = " + mu
          + " is out of range; allowed: a finite number > 0");
    }
    // The largest shard (2x nominal) holds 2 m q doubles in one array.
    if (samples < 1 || 2L * samples * dimY >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("problem.quadratic.samples = " + samples
          + " is out of range; allowed: an integer >= 1 with 2 * samples * dim-y < 2^31");
    }
    if (heterogeneity == null) {
      throw new IllegalArgumentException("problem.heterogeneity is missing; allowed: iid, mild, severe");
    }
  }

  /** The spread s of B_i, c_i, d_i for a preset. */
  public static double spread(Heterogeneity h) {
    return switch (h) {
      case IID -> 0.0;
      case MILD -> MILD_SPREAD;
      case SEVERE -> SEVERE_SPREAD;
    };
  }

  @Override
  public String name() {
    return "quadratic";
  }

  /** The generator of every agent's H, B, c, d. */
  public SyntheticQuadratic generator() {
    return new SyntheticQuadratic(dimX, dimY, mu, samples, spread(heterogeneity), unequalShards, seed);
  }

  @Override
  public LocalProblem build(int agent) {
    if (agent < 0 || agent >= agents) {
      throw new IndexOutOfBoundsException("agent " + agent + " not in [0, " + agents + ")");
    }
    SyntheticQuadratic.Agent a = generator().agent(agent);
    return new QuadraticShard(dimX, dimY, rho, mu, a.a(), a.h(), a.b(), a.c(), a.d(), a.samples());
  }

  /** x* from the agent means, computed on the driver by generating every agent's parameters. */
  @Override
  public Optional<double[]> solution() {
    int p = dimX;
    int q = dimY;
    SyntheticQuadratic gen = generator();
    double[] hBar = new double[q * q];
    double[] bBar = new double[q * p];
    double[] cBar = new double[q];
    double[] dBar = new double[q];
    double w = 1.0 / agents;
    for (int i = 0; i < agents; i++) {
      SyntheticQuadratic.Agent a = gen.agent(i);
      Vectors.addScaledInPlace(hBar, w, a.h());
      Vectors.addScaledInPlace(bBar, w, a.b());
      Vectors.addScaledInPlace(cBar, w, a.c());
      Vectors.addScaledInPlace(dBar, w, a.d());
    }
    // One factorization of Hbar for both M = Hbar^{-1} Bbar and m = Hbar^{-1} cbar.
    double[] mm = DenseSymmetric.solve(hBar, q, Vectors.concat(bBar, cBar), p + 1);
    double[] bigM = Vectors.slice(mm, 0, q * p);
    double[] smallM = Vectors.slice(mm, q * p, q);
    double[] normal = Matrices.multiply(bigM, q, p, true, bigM, q, p, false);
    for (int j = 0; j < p; j++) normal[j + j * p] += rho;
    double[] rhs = Matrices.multiplyVector(bigM, q, p, true, Vectors.sub(smallM, dBar));
    return Optional.of(Vectors.scale(-1.0, DenseSymmetric.solve(normal, p, rhs, 1)));
  }

  /**
   * L = max over agents of max(lambda_max(H_i), ||B_i||_2, 1, rho): the Lipschitz constants of grad_y g_i
   * in y and in x, and of grad f_i (whose Hessian is diag(rho I, I)).
   */
  @Override
  public double smoothness() {
    SyntheticQuadratic gen = generator();
    double l = Math.max(1.0, rho);
    for (int i = 0; i < agents; i++) {
      SyntheticQuadratic.Agent a = gen.agent(i);
      l = Math.max(l, DenseSymmetric.largestEigenvalue(a.h(), dimY));
      double[] btb = Matrices.multiply(a.b(), dimY, dimX, true, a.b(), dimY, dimX, false);
      l = Math.max(l, Math.sqrt(Math.max(0.0, DenseSymmetric.largestEigenvalue(btb, dimX))));
    }
    return l;
  }

  @Override
  public int[] shardSizes() {
    return ShardSizes.sizes(seed, agents, samples, unequalShards);
  }
}
