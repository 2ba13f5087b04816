package dbo.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.SyntheticMarkovChain;
import dbo.linalg.Vectors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decentralized policy evaluation (ALGORITHMS.md, "Decentralized policy evaluation"): every oracle against
 * finite differences of the values (which are computed from the transitions, not from the averages the
 * oracles use), the closed-form x* against the optimality conditions, the chain and the rewards against
 * their definitions, mini-batch views, and out-of-range parameters.
 */
class PolicyEvaluationProblemTest {

  static PolicyEvaluationProblem problem(Heterogeneity h, boolean unequal) {
    return new PolicyEvaluationProblem(4, 30, 5, 0.8, 0.1, 60, 200, h, unequal, 7);
  }

  @ParameterizedTest
  @EnumSource(value = Heterogeneity.class, names = {"IID", "SEVERE"})
  void everyOracleMatchesFiniteDifferences(Heterogeneity h) {
    PolicyEvaluationProblem spec = problem(h, true);
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < spec.agents(); i++) {
      LocalProblem shard = spec.build(i);
      double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 1.0);
      double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
      double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
      FiniteDifferences.OracleErrors e = FiniteDifferences.check(shard, x, y, v);
      assertTrue(e.max() <= 1e-6, "agent " + i + ": " + e);
      // grad_x f is exactly zero: f does not depend on x.
      assertEquals(0.0, Vectors.norm(shard.gradXUpper(x, y)));
      double gx = FiniteDifferences.relativeError(
          FiniteDifferences.gradient(xx -> shard.lowerValue(xx, y), x), shard.gradXLower(x, y));
      assertTrue(gx <= 1e-6, "agent " + i + ": grad_x g error " + gx);
      // The TD(0) semi-gradient direction is grad_y g at y = 0 (GTD2's identity), checked above by FD.
      assertArrayEquals(shard.gradYLower(x, new double[spec.dimY()]), ((SemiGradient) shard).semiGradient(x),
          1e-12);
    }
  }

  @Test
  void semiGradientIsMinusTheMeanTdUpdate() {
    // One agent, delta(x) per transition from the chain's own arrays.
    PolicyEvaluationProblem spec = problem(Heterogeneity.MILD, false);
    SyntheticMarkovChain chain = spec.chain();
    PolicyEvaluationShard shard = (PolicyEvaluationShard) spec.build(2);
    double[] x = FiniteDifferences.gaussian(new SplittableRandom(5), spec.dimX(), 0.0, 1.0);
    double[] reward = chain.rewards(7, 2, spec.agents(), PolicyEvaluationProblem.MILD_SPREAD);
    SyntheticMarkovChain.Transitions t =
        chain.sample(dbo.random.RandomStreams.of(7, 2, dbo.random.RandomStreams.DATA, 0), 60);
    double[] expected = new double[spec.dimX()];
    for (int k = 0; k < t.size(); k++) {
      double[] now = phi(chain, t.from()[k]);
      double delta = reward[t.from()[k]] + spec.gamma() * Vectors.dot(phi(chain, t.to()[k]), x) - Vectors.dot(now, x);
      Vectors.addScaledInPlace(expected, -delta / t.size(), now);
    }
    assertArrayEquals(expected, shard.semiGradient(x), 1e-12);
  }

  private static double[] phi(SyntheticMarkovChain chain, int s) {
    double[] out = new double[chain.features()];
    for (int j = 0; j < out.length; j++) out[j] = chain.phi()[s + j * chain.states()];
    return out;
  }

  @ParameterizedTest
  @EnumSource(value = Heterogeneity.class, names = {"IID", "SEVERE"})
  void solutionIsTheTdFixedPointAndZeroesTheHypergradient(Heterogeneity h) {
    PolicyEvaluationProblem spec = problem(h, true);
    double[] xStar = spec.solution().orElseThrow();
    int d = spec.dimX();
    double[] semi = new double[d];
    double[] gradYg = new double[d];
    double[] gradYf = new double[d];
    LocalProblem[] shards = new LocalProblem[spec.agents()];
    for (int i = 0; i < spec.agents(); i++) shards[i] = spec.build(i);
    // The team's y*(x*) = (Cbar + mu I)^{-1}(bbar - Abar x*) = 0: the mean TD update vanishes at x*.
    for (LocalProblem s : shards) {
      Vectors.addScaledInPlace(semi, 1.0 / shards.length, ((SemiGradient) s).semiGradient(xStar));
      Vectors.addScaledInPlace(gradYg, 1.0 / shards.length, s.gradYLower(xStar, new double[d]));
    }
    assertTrue(Vectors.norm(semi) <= 1e-12, "mean semi-gradient at x*: " + Vectors.norm(semi));
    assertTrue(Vectors.norm(gradYg) <= 1e-12, "y*(x*) is not 0: " + Vectors.norm(gradYg));
    // With y* = 0, grad_y f = 0, so z* = 0 and the hypergradient grad_x f - J z* = 0 as well.
    for (LocalProblem s : shards) Vectors.addScaledInPlace(gradYf, 1.0, s.gradYUpper(xStar, new double[d]));
    assertEquals(0.0, Vectors.norm(gradYf));
    // x* does not depend on mu.
    PolicyEvaluationProblem otherMu = new PolicyEvaluationProblem(4, 30, 5, 0.8, 2.0, 60, 200, h, true, 7);
    assertArrayEquals(xStar, otherMu.solution().orElseThrow(), 1e-10);
  }

  @Test
  void theTrainingObjectiveIsMinimalAtTheSolutionAndTheValueErrorVanishesAtThePopulationPoint() {
    PolicyEvaluationProblem spec = problem(Heterogeneity.SEVERE, false);
    double[] xStar = spec.solution().orElseThrow();
    double[] xPop = spec.populationSolution();
    Evaluation atStar = sum(spec, xStar);
    assertEquals(spec.agents(), atStar.reporting());
    assertTrue(atStar.meanObjective() <= 1e-25, "F(x*) = " + atStar.meanObjective());
    SplittableRandom rng = new SplittableRandom(3);
    for (int k = 0; k < 5; k++) {
      double[] x = Vectors.axpy(xStar, 0.1, FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 1.0));
      Evaluation e = sum(spec, x);
      assertTrue(e.meanObjective() > 1e-6, "F(x) near x*: " + e.meanObjective());
      assertTrue(e.meanTestLoss() > 0 && e.meanTestError() > 0);
    }
    assertEquals(0.0, sum(spec, xPop).meanTestError(), 1e-12);
    // The population point is what the samples estimate: 100 times the samples bring x* far closer to it.
    double few = sum(spec, xStar).meanTestError();
    PolicyEvaluationProblem many = new PolicyEvaluationProblem(4, 30, 5, 0.8, 0.1, 6000, 200,
        Heterogeneity.SEVERE, false, 7);
    double lots = sum(many, many.solution().orElseThrow()).meanTestError();
    assertTrue(lots < few / 3, "value error of x*: " + few + " with 60 samples per agent, " + lots + " with 6000");
  }

  @Test
  void populationSolutionIsTheChainsTdFixedPoint() {
    PolicyEvaluationProblem spec = problem(Heterogeneity.IID, false);
    SyntheticMarkovChain chain = spec.chain();
    int states = chain.states();
    double[] d = chain.stationary();
    // d is stationary: d'P = d'.
    for (int t = 0; t < states; t++) {
      double acc = 0;
      for (int s = 0; s < states; s++) acc += d[s] * chain.transition(s, t);
      assertEquals(d[t], acc, 1e-15);
    }
    // Phi'D(r_bar + gamma P Phi x_pop - Phi x_pop) = 0.
    double[] xPop = spec.populationSolution();
    double[] rBar = chain.meanReward();
    double[] v = new double[states];
    for (int s = 0; s < states; s++) v[s] = Vectors.dot(phi(chain, s), xPop);
    double[] residual = new double[spec.dimX()];
    for (int s = 0; s < states; s++) {
      double next = 0;
      for (int t = 0; t < states; t++) next += chain.transition(s, t) * v[t];
      Vectors.addScaledInPlace(residual, d[s] * (rBar[s] + spec.gamma() * next - v[s]), phi(chain, s));
    }
    assertTrue(Vectors.norm(residual) <= 1e-12, "projected Bellman residual at x_pop: " + Vectors.norm(residual));
  }

  @Test
  void agentsRewardsAverageToTheTeamsReward() {
    PolicyEvaluationProblem spec = problem(Heterogeneity.SEVERE, false);
    SyntheticMarkovChain chain = spec.chain();
    double[] mean = new double[chain.states()];
    for (int i = 0; i < spec.agents(); i++) {
      double[] r = chain.rewards(7, i, spec.agents(), PolicyEvaluationProblem.SEVERE_SPREAD);
      Vectors.addScaledInPlace(mean, 1.0 / spec.agents(), r);
      assertNotEquals(0.0, Vectors.distanceSquared(r, chain.meanReward()));
    }
    assertArrayEquals(chain.meanReward(), mean, 1e-12);
    assertArrayEquals(chain.meanReward(), chain.rewards(7, 1, spec.agents(), 0.0));
  }

  @Test
  void buildingTwiceGivesIdenticalBitsAndMiniBatchesAverageTheirRows() {
    PolicyEvaluationProblem spec = problem(Heterogeneity.MILD, true);
    LocalProblem a = spec.build(1);
    LocalProblem b = spec.build(1);
    assertArrayEquals(FiniteDifferences.serialized(a), FiniteDifferences.serialized(b));
    double[] x = FiniteDifferences.gaussian(new SplittableRandom(2), spec.dimX(), 0.0, 1.0);
    double[] y = FiniteDifferences.gaussian(new SplittableRandom(3), spec.dimY(), 0.0, 1.0);
    int m = a.shardSize();
    assertEquals(m, a.upperSamples());
    int[] all = new int[m];
    for (int k = 0; k < m; k++) all[k] = k;
    LocalProblem every = a.minibatch(all, all);
    assertArrayEquals(a.gradYLower(x, y), every.gradYLower(x, y));
    assertArrayEquals(a.gradYUpper(x, y), every.gradYUpper(x, y));
    assertArrayEquals(a.jacobianVector(x, y, y), every.jacobianVector(x, y, y));
    assertArrayEquals(((SemiGradient) a).semiGradient(x), ((SemiGradient) every).semiGradient(x));
    // A batch of rows {0, 1} averages rows 0 and 1; f and g take their own rows.
    LocalProblem lowerPair = a.minibatch(new int[] {2}, new int[] {0, 1});
    double[] mean = Vectors.scale(0.5, Vectors.add(a.minibatch(new int[] {2}, new int[] {0}).gradYLower(x, y),
        a.minibatch(new int[] {2}, new int[] {1}).gradYLower(x, y)));
    assertArrayEquals(mean, lowerPair.gradYLower(x, y), 1e-12);
    assertArrayEquals(a.minibatch(new int[] {2}, new int[] {2}).gradYUpper(x, y), lowerPair.gradYUpper(x, y));
    FiniteDifferences.OracleErrors e = FiniteDifferences.check(a.minibatch(new int[] {3, 5}, new int[] {0, 4, 9}),
        x, y, y);
    assertTrue(e.max() <= 1e-6, "mini-batch view: " + e);
  }

  @Test
  void frozenOperatorsEqualTheLiveProducts() {
    LocalProblem shard = problem(Heterogeneity.MILD, false).build(0);
    double[] x = FiniteDifferences.gaussian(new SplittableRandom(8), 5, 0.0, 1.0);
    double[] v = FiniteDifferences.gaussian(new SplittableRandom(9), 5, 0.0, 1.0);
    FrozenOperators ops = shard.freeze(x, x);
    assertArrayEquals(shard.hessianVector(v, v, v), ops.hessianVector(v));
    assertArrayEquals(shard.jacobianVector(v, v, v), ops.jacobianVector(v));
  }

  @Test
  void smoothnessBoundsTheCurvature() {
    PolicyEvaluationProblem spec = problem(Heterogeneity.SEVERE, true);
    SplittableRandom rng = new SplittableRandom(4);
    for (int i = 0; i < spec.agents(); i++) {
      LocalProblem s = spec.build(i);
      for (int k = 0; k < 5; k++) {
        double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
        double[] zero = new double[spec.dimY()];
        assertTrue(Vectors.norm(s.hessianVector(zero, zero, v)) <= spec.smoothness() * Vectors.norm(v) * (1 + 1e-12));
        assertTrue(Vectors.norm(s.jacobianVector(zero, zero, v)) <= spec.smoothness() * Vectors.norm(v) * (1 + 1e-12));
      }
    }
  }

  @Test
  void invalidParametersNameTheirKey() {
    Heterogeneity h = Heterogeneity.MILD;
    QuadraticProblemTest.assertKey("problem.agents", () -> new PolicyEvaluationProblem(0, 30, 5, 0.8, 0.1, 60, 20, h, false, 1));
    QuadraticProblemTest.assertKey("problem.policy-evaluation.states",
        () -> new PolicyEvaluationProblem(2, 4, 5, 0.8, 0.1, 60, 20, h, false, 1));
    QuadraticProblemTest.assertKey("problem.policy-evaluation.features",
        () -> new PolicyEvaluationProblem(2, 30, 0, 0.8, 0.1, 60, 20, h, false, 1));
    QuadraticProblemTest.assertKey("problem.policy-evaluation.gamma",
        () -> new PolicyEvaluationProblem(2, 30, 5, 1.0, 0.1, 60, 20, h, false, 1));
    QuadraticProblemTest.assertKey("problem.policy-evaluation.gamma",
        () -> new PolicyEvaluationProblem(2, 30, 5, -0.1, 0.1, 60, 20, h, false, 1));
    QuadraticProblemTest.assertKey("problem.policy-evaluation.mu",
        () -> new PolicyEvaluationProblem(2, 30, 5, 0.8, 0.0, 60, 20, h, false, 1));
    QuadraticProblemTest.assertKey("problem.policy-evaluation.samples",
        () -> new PolicyEvaluationProblem(2, 30, 5, 0.8, 0.1, 0, 20, h, false, 1));
    QuadraticProblemTest.assertKey("problem.policy-evaluation.test-samples",
        () -> new PolicyEvaluationProblem(2, 30, 5, 0.8, 0.1, 60, 0, h, false, 1));
  }

  private static Evaluation sum(PolicyEvaluationProblem spec, double[] x) {
    Evaluation total = new Evaluation(0, 0, 0);
    for (int i = 0; i < spec.agents(); i++) total = total.plus(spec.build(i).evaluate(x, x));
    return total;
  }
}
