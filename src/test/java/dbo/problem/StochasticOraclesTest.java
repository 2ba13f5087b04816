package dbo.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.linalg.Vectors;
import dbo.random.RandomStreams;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * grad_x g against finite differences, and mini-batch views (ALGORITHMS.md section 6): a batch of every
 * row is the full shard bit for bit, a batch's oracle is the mean of its rows' oracles, draws are
 * reproducible and differ across steps, agents and levels.
 */
class StochasticOraclesTest {
  private static final QuadraticProblem QUADRATIC =
      new QuadraticProblem(3, 4, 6, 0.5, 0.5, 30, Heterogeneity.SEVERE, true, 7);

  private static List<LogisticHpoProblem> logistic() {
    return List.of(
        new LogisticHpoProblem(3, 5, 2, HyperparameterShape.PER_FEATURE, 30, 20, 10, Heterogeneity.MILD, true, 5, -1.0),
        new LogisticHpoProblem(3, 5, 3, HyperparameterShape.SCALAR, 30, 20, 10, Heterogeneity.MILD, true, 5, -1.0));
  }

  private static List<ProblemSpec> all() {
    List<ProblemSpec> out = new java.util.ArrayList<>(List.of(QUADRATIC));
    out.addAll(logistic());
    return out;
  }

  @Test
  void gradXLowerMatchesFiniteDifferencesOfG() {
    SplittableRandom rng = new SplittableRandom(3);
    for (ProblemSpec spec : all()) {
      for (int i = 0; i < spec.agents(); i++) {
        LocalProblem shard = spec.build(i);
        // lambda inside the clip box, where the lambda derivatives are exact.
        double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), -1.0, 0.5);
        double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
        double[] fd = FiniteDifferences.gradient(xx -> shard.lowerValue(xx, y), x);
        double err = FiniteDifferences.relativeError(fd, shard.gradXLower(x, y));
        assertTrue(err <= 1e-6, spec.name() + " agent " + i + ": relative error " + err);
        // Its derivative along y is the JVP: d/dy <grad_x g, e> is J' e, checked through <J v, e>.
        double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
        double[] jvFd = FiniteDifferences.directional(yy -> shard.gradXLower(x, yy), y, v);
        double jvErr = FiniteDifferences.relativeError(jvFd, shard.jacobianVector(x, y, v));
        assertTrue(jvErr <= 1e-6, spec.name() + " agent " + i + ": JVP from grad_x g, error " + jvErr);
      }
    }
  }

  @Test
  void aBatchOfEveryRowIsTheFullShardBitForBit() {
    SplittableRandom rng = new SplittableRandom(4);
    for (ProblemSpec spec : all()) {
      for (int i = 0; i < spec.agents(); i++) {
        LocalProblem shard = spec.build(i);
        LocalProblem view = shard.minibatch(range(shard.upperSamples()), range(shard.shardSize()));
        double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), -1.0, 0.5);
        double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
        double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
        assertOraclesEqual(shard, view, x, y, v, 0.0);
        // The draw with batch >= every shard's size selects every row, in order.
        LocalProblem drawn = Minibatch.draw(shard, 9, i, 17, 1_000_000);
        assertOraclesEqual(shard, drawn, x, y, v, 0.0);
      }
    }
  }

  @Test
  void aBatchOracleIsTheMeanOfItsRowsOracles() {
    SplittableRandom rng = new SplittableRandom(5);
    for (ProblemSpec spec : all()) {
      LocalProblem shard = spec.build(1);
      int[] lower = Minibatch.rows(rng, shard.shardSize(), 5);
      int[] upper = shard.upperSamples() == 0 ? new int[0] : Minibatch.rows(rng, shard.upperSamples(), 4);
      LocalProblem batch = shard.minibatch(upper, lower);
      double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), -1.0, 0.5);
      double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
      double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
      int[] fullUpper = range(shard.upperSamples());
      assertClose(mean(lower, r -> shard.minibatch(fullUpper, new int[] {r}).gradYLower(x, y)),
          batch.gradYLower(x, y), spec.name() + " grad_y g");
      assertClose(mean(lower, r -> shard.minibatch(fullUpper, new int[] {r}).hessianVector(x, y, v)),
          batch.hessianVector(x, y, v), spec.name() + " HVP");
      int[] fullLower = range(shard.shardSize());
      if (upper.length > 0) {
        assertClose(mean(upper, r -> shard.minibatch(new int[] {r}, fullLower).gradYUpper(x, y)),
            batch.gradYUpper(x, y), spec.name() + " grad_y f");
      } else {
        // f has no samples: the view's f is the shard's.
        assertArrayEquals(shard.gradYUpper(x, y), batch.gradYUpper(x, y), 0.0);
      }
      // A batch is a real subsample: its oracle differs from the full one.
      assertFalse(Arrays.equals(shard.gradYLower(x, y), batch.gradYLower(x, y)), spec.name());
    }
  }

  @Test
  void drawsAreReproducibleAndIndependentAcrossStepsAgentsAndLevels() {
    SplittableRandom a = RandomStreams.of(1, 2, RandomStreams.BATCH_LOWER, 3);
    SplittableRandom b = RandomStreams.of(1, 2, RandomStreams.BATCH_LOWER, 3);
    assertArrayEquals(Minibatch.rows(a, 100, 10), Minibatch.rows(b, 100, 10));
    int[] base = Minibatch.rows(RandomStreams.of(1, 2, RandomStreams.BATCH_LOWER, 3), 100, 10);
    assertFalse(Arrays.equals(base, Minibatch.rows(RandomStreams.of(1, 2, RandomStreams.BATCH_LOWER, 4), 100, 10)));
    assertFalse(Arrays.equals(base, Minibatch.rows(RandomStreams.of(1, 3, RandomStreams.BATCH_LOWER, 3), 100, 10)));
    assertFalse(Arrays.equals(base, Minibatch.rows(RandomStreams.of(1, 2, RandomStreams.BATCH_UPPER, 3), 100, 10)));
    // Sorted, distinct, in range.
    for (int k = 0; k < base.length; k++) {
      assertTrue(base[k] >= 0 && base[k] < 100);
      if (k > 0) assertTrue(base[k] > base[k - 1]);
    }
    LocalProblem shard = QUADRATIC.build(0);
    assertSame(shard, Minibatch.draw(shard, 1, 0, 5, 0), "batch 0 is the full shard");
  }

  private static void assertOraclesEqual(LocalProblem a, LocalProblem b, double[] x, double[] y, double[] v,
      double tol) {
    assertArrayEquals(a.gradXUpper(x, y), b.gradXUpper(x, y), tol);
    assertArrayEquals(a.gradYUpper(x, y), b.gradYUpper(x, y), tol);
    assertArrayEquals(a.gradYLower(x, y), b.gradYLower(x, y), tol);
    assertArrayEquals(a.gradXLower(x, y), b.gradXLower(x, y), tol);
    assertArrayEquals(a.hessianVector(x, y, v), b.hessianVector(x, y, v), tol);
    assertArrayEquals(a.jacobianVector(x, y, v), b.jacobianVector(x, y, v), tol);
    assertEquals(a.upperValue(x, y), b.upperValue(x, y), tol);
    assertEquals(a.lowerValue(x, y), b.lowerValue(x, y), tol);
  }

  private static double[] mean(int[] rows, java.util.function.IntFunction<double[]> oracle) {
    double[] sum = null;
    for (int r : rows) {
      double[] o = oracle.apply(r);
      if (sum == null) sum = new double[o.length];
      Vectors.addScaledInPlace(sum, 1.0 / rows.length, o);
    }
    return sum;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    double err = Math.sqrt(Vectors.distanceSquared(expected, actual)) / Math.max(1.0, Vectors.norm(expected));
    assertTrue(err <= 1e-12, what + ": " + err);
  }

  private static int[] range(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = i;
    return out;
  }
}
