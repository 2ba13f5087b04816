package dbo.problem;

import dbo.data.ShardSizes;
import dbo.data.SyntheticMarkovChain;
import dbo.linalg.Matrices;
import dbo.random.RandomStreams;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netlib.util.intW;

/**
 * Decentralized policy evaluation as a bilevel problem (ALGORITHMS.md, "Decentralized policy evaluation";
 * the experiment of SPARKLE, Zhu et al., NeurIPS 2024, with GTD2's structure): a fixed policy's Markov chain
 * on S states ({@link SyntheticMarkovChain}), features phi(s) in R^D, discount gamma; agent i holds m_i
 * transitions s ~ d, s' ~ P(s, .) and its own reward r_i = r_bar + spread (e_i - mean_j e_j), and the team
 * evaluates the policy for r_bar. Shards are {@link PolicyEvaluationShard}s, built from (seed, agent)
 * wherever they live.
 *
 * <p>x* = A^{-1} b, the TD fixed point of the agents' samples (A and b the means over agents of their
 * TD(0) averages), is the minimizer of F(x) = f(x, y*(x)) whatever mu; it is computed here, on the process
 * that builds the spec, by generating every agent's transitions once, together with the pooled averages
 * behind y*(x) and the smoothness estimate. The population fixed point x_pop = A_pop^{-1} b_pop with
 * A_pop = Phi'D(I - gamma P)Phi and b_pop = Phi'D r_bar (D = diag(d)) is the reference of the value error.
 *
 * @param agents n >= 1 ({@code problem.agents})
 * @param states S in [features, {@value #MAX_STATES}] ({@code problem.policy-evaluation.states})
 * @param features D >= 1 ({@code features})
 * @param gamma discount in [0, 1) ({@code gamma})
 * @param mu ridge of the lower level > 0 ({@code mu}): g_i is mu-strongly convex in y
 * @param samples nominal transitions per agent >= 1 ({@code samples}; scaled per agent with
 *     {@code problem.shard-sizes = unequal})
 * @param testSamples held-out transitions per agent >= 1 ({@code test-samples})
 * @param heterogeneity spread of the agents' rewards: iid 0, mild {@value #MILD_SPREAD}, severe
 *     {@value #SEVERE_SPREAD}
 */
public final class PolicyEvaluationProblem implements SemiGradient.Problem {
  private static final long serialVersionUID = 1L;
  /** S is bounded because every shard regenerates the S x S transition matrix. */
  public static final int MAX_STATES = 2000;
  public static final double MILD_SPREAD = 0.5;
  public static final double SEVERE_SPREAD = 2.0;
  /** Stream steps of the agents' training and held-out transitions (purpose DATA, agent i). */
  private static final long TRAIN_STREAM = 0;
  private static final long TEST_STREAM = 1;

  private final int agents;
  private final int states;
  private final int features;
  private final double gamma;
  private final double mu;
  private final int samples;
  private final int testSamples;
  private final Heterogeneity heterogeneity;
  private final boolean unequalShards;
  private final long seed;
  private final TransitionStatistics team;
  private final double[] solution;
  private final double[] populationSolution;
  private final double smoothness;

  public PolicyEvaluationProblem(int agents, int states, int features, double gamma, double mu, int samples,
      int testSamples, Heterogeneity heterogeneity, boolean unequalShards, long seed) {
    String at = "problem.policy-evaluation.";
    if (agents < 1) {
      throw new IllegalArgumentException("problem.agents = " + agents + " is out of range; allowed: an integer >= 1");
    }
    if (features < 1) {
      throw new IllegalArgumentException(at + "features = " + features + " is out of range; allowed: an integer >= 1");
    }
    if (states < features || states > MAX_STATES) {
      throw new IllegalArgumentException(at + "states = " + states + " is out of range; allowed: an integer in"
          + " [features, " + MAX_STATES + "] (features = " + features + "; S < D leaves the features dependent)");
    }
    if (!(gamma >= 0.0 && gamma < 1.0)) {
      throw new IllegalArgumentException(at + "gamma = " + gamma + " is out of range; allowed: 0 <= gamma < 1");
    }
    if (!(mu > 0.0) || Double.isInfinite(mu)) {
      throw new IllegalArgumentException(at + "mu = " + mu + " is out of range; allowed: a finite number > 0");
    }
    if (samples < 1 || 2L * samples * features >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(at + "samples = " + samples + " is out of range; allowed: an integer >= 1"
          + " with 2 * samples * features < 2^31");
    }
    if (testSamples < 1 || (long) testSamples * features >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(at + "test-samples = " + testSamples + " is out of range; allowed: an"
          + " integer >= 1 with test-samples * features < 2^31");
    }
    if (heterogeneity == null) {
      throw new IllegalArgumentException("problem.heterogeneity is missing; allowed: iid, mild, severe");
    }
    this.agents = agents;
    this.states = states;
    this.features = features;
    this.gamma = gamma;
    this.mu = mu;
    this.samples = samples;
    this.testSamples = testSamples;
    this.heterogeneity = heterogeneity;
    this.unequalShards = unequalShards;
    this.seed = seed;

    SyntheticMarkovChain chain = chain();
    List<TransitionStatistics> parts = new ArrayList<>(agents);
    double l = 0;
    for (int i = 0; i < agents; i++) {
      TransitionStatistics s = trainingShard(chain, i).lowerStatistics();
      parts.add(s);
      // Lipschitz constants of grad_y g in y (C + mu I) and in x (A), and of grad f (C).
      l = Math.max(l, DenseSymmetric.largestEigenvalue(s.regularizedC(mu), features));
      double[] ata = Matrices.multiply(s.a(), features, features, true, s.a(), features, features, false);
      l = Math.max(l, Math.sqrt(Math.max(0.0, DenseSymmetric.largestEigenvalue(ata, features))));
    }
    this.team = TransitionStatistics.mean(parts);
    this.solution = solveGeneral(team.a(), team.b(), features, "the agents' TD matrix A");
    this.populationSolution = populationFixedPoint(chain);
    this.smoothness = l;
  }

  /** The spread of the agents' rewards around r_bar for a preset. */
  public static double spread(Heterogeneity h) {
    return switch (h) {
      case IID -> 0.0;
      case MILD -> MILD_SPREAD;
      case SEVERE -> SEVERE_SPREAD;
    };
  }

  /** The chain, regenerated from the seed. */
  public SyntheticMarkovChain chain() {
    return new SyntheticMarkovChain(seed, states, features);
  }

  @Override
  public String name() {
    return "policy-evaluation";
  }

  @Override
  public int agents() {
    return agents;
  }

  @Override
  public int dimX() {
    return features;
  }

  @Override
  public int dimY() {
    return features;
  }

  public double gamma() {
    return gamma;
  }

  public double mu() {
    return mu;
  }

  @Override
  public LocalProblem build(int agent) {
    if (agent < 0 || agent >= agents) {
      throw new IndexOutOfBoundsException("agent " + agent + " not in [0, " + agents + ")");
    }
    SyntheticMarkovChain chain = chain();
    SyntheticMarkovChain.Transitions heldOut =
        chain.sample(RandomStreams.of(seed, agent, RandomStreams.DATA, TEST_STREAM), testSamples);
    TransitionStatistics test =
        TransitionStatistics.of(chain.phi(), states, features, gamma, chain.meanReward(), heldOut, null);
    PolicyEvaluationShard.Reference reference =
        new PolicyEvaluationShard.Reference(team, test, chain.stationary(), populationSolution.clone());
    return shard(chain, agent, reference);
  }

  /** Agent i's shard without the evaluation reference (what x* and L are computed from). */
  private PolicyEvaluationShard trainingShard(SyntheticMarkovChain chain, int agent) {
    return shard(chain, agent, null);
  }

  private PolicyEvaluationShard shard(SyntheticMarkovChain chain, int agent,
      PolicyEvaluationShard.Reference reference) {
    int m = ShardSizes.size(seed, agent, samples, unequalShards);
    SyntheticMarkovChain.Transitions t =
        chain.sample(RandomStreams.of(seed, agent, RandomStreams.DATA, TRAIN_STREAM), m);
    double[] reward = chain.rewards(seed, agent, agents, spread(heterogeneity));
    return new PolicyEvaluationShard(features, states, gamma, mu, chain.phi(), reward, t, null, null, reference);
  }

  /** x* = A^{-1} b of the agents' samples. */
  @Override
  public Optional<double[]> solution() {
    return Optional.of(solution.clone());
  }

  /** x_pop = A_pop^{-1} b_pop, the TD fixed point of the chain itself for r_bar. */
  public double[] populationSolution() {
    return populationSolution.clone();
  }

  private double[] populationFixedPoint(SyntheticMarkovChain chain) {
    double[] d = chain.stationary();
    double[] phi = chain.phi();
    double[] rBar = chain.meanReward();
    // E = (I - gamma P) Phi, row s: phi(s) - gamma sum_t P(s, t) phi(t); then A_pop = Phi' D E, b_pop = Phi' D r.
    double[] pPhi = new double[states * features];
    for (int j = 0; j < features; j++) {
      for (int s = 0; s < states; s++) {
        double acc = 0;
        for (int t = 0; t < states; t++) acc += chain.transition(s, t) * phi[t + j * states];
        pPhi[s + j * states] = acc;
      }
    }
    double[] dPhi = new double[states * features];
    double[] e = new double[states * features];
    for (int k = 0; k < phi.length; k++) {
      dPhi[k] = d[k % states] * phi[k];
      e[k] = phi[k] - gamma * pPhi[k];
    }
    double[] aPop = Matrices.multiply(dPhi, states, features, true, e, states, features, false);
    double[] bPop = Matrices.multiplyVector(dPhi, states, features, true, rBar);
    return solveGeneral(aPop, bPop, features, "the population TD matrix A_pop");
  }

  /** A^{-1} b for a general square A (LU with partial pivoting, LAPACK dgesv). */
  private static double[] solveGeneral(double[] a, double[] b, int n, String what) {
    double[] lu = a.clone();
    double[] x = b.clone();
    int[] pivots = new int[n];
    intW info = new intW(0);
    LAPACK.getInstance().dgesv(n, 1, lu, n, pivots, x, n, info);
    if (info.val != 0) {
      throw new IllegalArgumentException(what + " is singular (dgesv info " + info.val + "); raise"
          + " problem.policy-evaluation.samples or lower features");
    }
    return x;
  }

  @Override
  public double smoothness() {
    return smoothness;
  }

  @Override
  public int[] shardSizes() {
    return ShardSizes.sizes(seed, agents, samples, unequalShards);
  }

  @Override
  public String toString() {
    return "policy-evaluation{agents=" + agents + ", states=" + states + ", features=" + features + ", gamma="
        + gamma + ", mu=" + mu + ", samples=" + samples + ", test-samples=" + testSamples + ", heterogeneity="
        + heterogeneity.configName() + ", seed=" + seed + "}";
  }
}
