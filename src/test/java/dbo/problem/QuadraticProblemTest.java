package dbo.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.linalg.Vectors;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netlib.util.intW;

class QuadraticProblemTest {
  private static QuadraticProblem problem(Heterogeneity h, boolean unequal) {
    return new QuadraticProblem(5, 4, 7, 0.1, 0.5, 12, h, unequal, 42L);
  }

  @ParameterizedTest
  @EnumSource(Heterogeneity.class)
  void everyOracleMatchesFiniteDifferences(Heterogeneity h) {
    QuadraticProblem spec = problem(h, true);
    SplittableRandom rng = new SplittableRandom(7);
    double worst = 0.0;
    for (int i = 0; i < spec.agents(); i++) {
      LocalProblem shard = spec.build(i);
      double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 1.0);
      double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
      double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
      FiniteDifferences.OracleErrors e = FiniteDifferences.check(shard, x, y, v);
      worst = Math.max(worst, e.max());
      assertTrue(e.max() <= 1e-6, "agent " + i + ": " + e);
    }
    System.out.printf("quadratic %s: worst FD relative error %.2e%n", h.configName(), worst);
  }

  /**
   * grad Phi(x*) = mean grad_x f_i(x*, y*) - mean J_i z*, with y* and z* solved from the averaged
   * oracles: Hbar is assembled column by column from the agents' HVPs, so this checks solution() against
   * the oracles the algorithms use.
   */
  @ParameterizedTest
  @EnumSource(Heterogeneity.class)
  void solutionZeroesTheCentralizedHypergradient(Heterogeneity h) {
    QuadraticProblem spec = problem(h, true);
    int p = spec.dimX();
    int q = spec.dimY();
    int n = spec.agents();
    double[] xStar = spec.solution().orElseThrow();
    LocalProblem[] shards = new LocalProblem[n];
    for (int i = 0; i < n; i++) shards[i] = spec.build(i);
    double[] zeroY = new double[q];

    double[] hBar = new double[q * q];
    for (int col = 0; col < q; col++) {
      double[] e = new double[q];
      e[col] = 1.0;
      double[] column = mean(shards, s -> s.hessianVector(xStar, zeroY, e));
      System.arraycopy(column, 0, hBar, col * q, q);
    }
    // grad_y g is affine in y: Hbar y* = -mean grad_y g_i(x*, 0).
    double[] yStar = solve(hBar, q, Vectors.scale(-1.0, mean(shards, s -> s.gradYLower(xStar, zeroY))));
    assertTrue(Vectors.norm(mean(shards, s -> s.gradYLower(xStar, yStar))) <= 1e-12);
    double[] zStar = solve(hBar, q, mean(shards, s -> s.gradYUpper(xStar, yStar)));
    double[] gradPhi = Vectors.sub(mean(shards, s -> s.gradXUpper(xStar, yStar)),
        mean(shards, s -> s.jacobianVector(xStar, yStar, zStar)));
    double norm = Vectors.norm(gradPhi);
    System.out.printf("quadratic %s: ||grad Phi(x*)|| = %.2e, ||x*|| = %.3f%n", h.configName(), norm,
        Vectors.norm(xStar));
    assertTrue(norm <= 1e-10, "||grad Phi(x*)|| = " + norm);
    assertTrue(Vectors.norm(xStar) > 1e-3, "x* should be a nontrivial point");
    assertEquals(p, xStar.length);
  }

  @Test
  void frozenOperatorsEqualTheLiveProducts() {
    QuadraticProblem spec = problem(Heterogeneity.SEVERE, false);
    SplittableRandom rng = new SplittableRandom(3);
    LocalProblem shard = spec.build(2);
    double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 1.0);
    double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
    FrozenOperators frozen = shard.freeze(x, y);
    for (int t = 0; t < 3; t++) {
      double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
      double[] x2 = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 1.0);
      double[] y2 = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
      assertArrayEquals(shard.hessianVector(x2, y2, v), frozen.hessianVector(v));
      assertArrayEquals(shard.jacobianVector(x2, y2, v), frozen.jacobianVector(v));
    }
  }

  @Test
  void buildingAnAgentTwiceGivesIdenticalBits() {
    QuadraticProblem spec = problem(Heterogeneity.MILD, true);
    for (int i = 0; i < spec.agents(); i++) {
      assertArrayEquals(FiniteDifferences.serialized(spec.build(i)), FiniteDifferences.serialized(spec.build(i)));
    }
    assertFalse(Arrays.equals(FiniteDifferences.serialized(spec.build(0)),
        FiniteDifferences.serialized(spec.build(1))));
    assertArrayEquals(spec.solution().orElseThrow(), spec.solution().orElseThrow());
  }

  @Test
  void heterogeneityPresetsSpreadCdAndBAroundTheCommonPart() {
    // Same seed: the common part c0, d0, B0 is the same in every preset, and iid agents equal it.
    double[][] iid = parameters(problem(Heterogeneity.IID, false));
    for (double[] agent : iid) assertArrayEquals(iid[0], agent);
    double[] common = iid[0];
    double mild = meanSquaredDeviation(parameters(problem(Heterogeneity.MILD, false)), common);
    double severe = meanSquaredDeviation(parameters(problem(Heterogeneity.SEVERE, false)), common);
    double commonSize = Vectors.normSquared(common);
    System.out.printf("quadratic spread: mild %.3f, severe %.3f, common part %.3f (squared norms)%n",
        mild, severe, commonSize);
    assertTrue(mild > 0.0);
    assertTrue(severe > 4 * mild);
    assertTrue(severe >= commonSize, "severe deviations should be at least as large as the common part");
  }

  @Test
  void unequalShardSizesDifferAndMatchTheShards() {
    QuadraticProblem spec = problem(Heterogeneity.IID, true);
    int[] sizes = spec.shardSizes();
    assertTrue(Arrays.stream(sizes).distinct().count() > 1, Arrays.toString(sizes));
    for (int i = 0; i < spec.agents(); i++) {
      assertEquals(sizes[i], spec.build(i).shardSize());
      assertTrue(sizes[i] >= 3 && sizes[i] <= 24, Arrays.toString(sizes));
    }
    int[] equal = problem(Heterogeneity.IID, false).shardSizes();
    assertTrue(Arrays.stream(equal).allMatch(s -> s == 12), Arrays.toString(equal));
  }

  @Test
  void smoothnessBoundsTheLargestCurvature() {
    QuadraticProblem spec = problem(Heterogeneity.SEVERE, true);
    double l = spec.smoothness();
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < spec.agents(); i++) {
      LocalProblem shard = spec.build(i);
      for (int t = 0; t < 10; t++) {
        double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
        double[] zero = new double[spec.dimX()];
        assertTrue(Vectors.norm(shard.hessianVector(zero, new double[spec.dimY()], v)) <= l * Vectors.norm(v));
        assertTrue(Vectors.norm(shard.jacobianVector(zero, new double[spec.dimY()], v)) <= l * Vectors.norm(v));
      }
    }
    assertTrue(l >= spec.mu() && Double.isFinite(l));
  }

  @Test
  void evaluationIsTheUpperLoss() {
    QuadraticProblem spec = problem(Heterogeneity.MILD, false);
    LocalProblem shard = spec.build(1);
    double[] x = new double[spec.dimX()];
    Arrays.fill(x, 0.3);
    double[] y = new double[spec.dimY()];
    Evaluation e = shard.evaluate(x, y);
    assertEquals(shard.upperValue(x, y), e.upperLoss());
    assertEquals(0.0, e.testCount());
  }

  @Test
  void invalidParametersNameTheirKey() {
    Heterogeneity h = Heterogeneity.IID;
    assertKey("problem.agents", () -> new QuadraticProblem(0, 4, 7, 0.1, 0.5, 12, h, false, 1));
    assertKey("problem.quadratic.dim-x", () -> new QuadraticProblem(2, 0, 7, 0.1, 0.5, 12, h, false, 1));
    assertKey("problem.quadratic.dim-y", () -> new QuadraticProblem(2, 4, 0, 0.1, 0.5, 12, h, false, 1));
    assertKey("problem.quadratic.dim-y", () -> new QuadraticProblem(2, 4, 100_000, 0.1, 0.5, 12, h, false, 1));
    assertKey("problem.quadratic.rho", () -> new QuadraticProblem(2, 4, 7, 0.0, 0.5, 12, h, false, 1));
    assertKey("problem.quadratic.rho", () -> new QuadraticProblem(2, 4, 7, Double.NaN, 0.5, 12, h, false, 1));
    assertKey("problem.quadratic.mu", () -> new QuadraticProblem(2, 4, 7, 0.1, -1.0, 12, h, false, 1));
    assertKey("problem.quadratic.mu", () -> new QuadraticProblem(2, 4, 7, 0.1, Double.POSITIVE_INFINITY, 12, h,
        false, 1));
    assertKey("problem.quadratic.samples", () -> new QuadraticProblem(2, 4, 7, 0.1, 0.5, 0, h, false, 1));
    assertKey("problem.heterogeneity", () -> new QuadraticProblem(2, 4, 7, 0.1, 0.5, 12, null, false, 1));
  }

  static void assertKey(String key, Executable constructor) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, constructor);
    assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
    assertTrue(e.getMessage().contains("allowed"), e.getMessage());
  }

  /** Per agent: c_i, d_i and B_i (row by row), all read back through the oracles. */
  private static double[][] parameters(QuadraticProblem spec) {
    int p = spec.dimX();
    int q = spec.dimY();
    double[][] out = new double[spec.agents()][];
    for (int i = 0; i < spec.agents(); i++) {
      LocalProblem s = spec.build(i);
      double[] x0 = new double[p];
      double[] y0 = new double[q];
      double[] c = Vectors.scale(-1.0, s.gradYLower(x0, y0));
      double[] d = Vectors.scale(-1.0, s.gradYUpper(x0, y0));
      double[][] rows = new double[q][];
      for (int r = 0; r < q; r++) {
        double[] e = new double[q];
        e[r] = 1.0;
        rows[r] = Vectors.scale(-1.0, s.jacobianVector(x0, y0, e));
      }
      out[i] = Vectors.concat(c, d, Vectors.concat(rows));
    }
    return out;
  }

  private static double meanSquaredDeviation(double[][] agents, double[] common) {
    double sum = 0.0;
    for (double[] a : agents) sum += Vectors.distanceSquared(a, common);
    return sum / agents.length;
  }

  private static double[] mean(LocalProblem[] shards, java.util.function.Function<LocalProblem, double[]> oracle) {
    double[] acc = null;
    for (LocalProblem s : shards) {
      double[] v = oracle.apply(s);
      if (acc == null) acc = new double[v.length];
      Vectors.addScaledInPlace(acc, 1.0 / shards.length, v);
    }
    return acc;
  }

  private static double[] solve(double[] a, int n, double[] b) {
    double[] factor = a.clone();
    double[] x = b.clone();
    intW info = new intW(0);
    LAPACK.getInstance().dposv("U", n, 1, factor, n, x, n, info);
    assertEquals(0, info.val);
    return x;
  }
}
