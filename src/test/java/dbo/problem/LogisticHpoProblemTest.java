package dbo.problem;

import static dbo.problem.QuadraticProblemTest.assertKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.SyntheticClassification;
import dbo.linalg.Vectors;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogisticHpoProblemTest {
  private static final HyperparameterShape PER_FEATURE = HyperparameterShape.PER_FEATURE;
  private static final HyperparameterShape SCALAR = HyperparameterShape.SCALAR;

  private static LogisticHpoProblem problem(int classes, HyperparameterShape shape, Heterogeneity h,
                                            boolean unequal) {
    return new LogisticHpoProblem(4, 6, classes, shape, 40, 25, 30, h, unequal, 11L, -2.0);
  }

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of(2, PER_FEATURE), Arguments.of(2, SCALAR),
        Arguments.of(4, PER_FEATURE), Arguments.of(4, SCALAR));
  }

  @ParameterizedTest(name = "K = {0}, {1}")
  @MethodSource("variants")
  void everyOracleMatchesFiniteDifferences(int classes, HyperparameterShape shape) {
    SplittableRandom rng = new SplittableRandom(19);
    double worst = 0.0;
    for (Heterogeneity h : Heterogeneity.values()) {
      LogisticHpoProblem spec = problem(classes, shape, h, true);
      for (int i = 0; i < spec.agents(); i++) {
        LocalProblem shard = spec.build(i);
        // lambda well inside the clip box, where the derivatives in lambda are exact.
        double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), -1.0, 0.5);
        double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
        double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
        FiniteDifferences.OracleErrors e = FiniteDifferences.check(shard, x, y, v);
        worst = Math.max(worst, e.max());
        assertTrue(e.max() <= 1e-6, h + " agent " + i + ": " + e);
        assertEquals(0.0, Vectors.norm(shard.gradXUpper(x, y)));
      }
    }
    System.out.printf("logistic K=%d %s: worst FD relative error %.2e%n", classes, shape.configName(), worst);
  }

  @ParameterizedTest(name = "K = {0}, {1}")
  @MethodSource("variants")
  void dimensionsFollowTheShape(int classes, HyperparameterShape shape) {
    LogisticHpoProblem spec = problem(classes, shape, Heterogeneity.IID, false);
    LocalProblem shard = spec.build(0);
    assertEquals(shape == PER_FEATURE ? 6 : 1, spec.dimX());
    assertEquals(classes == 2 ? 6 : 6 * classes, spec.dimY());
    assertEquals(spec.dimX(), shard.dimX());
    assertEquals(spec.dimY(), shard.dimY());
    double[] x0 = spec.initialX();
    assertEquals(spec.dimX(), x0.length);
    assertTrue(Arrays.stream(x0).allMatch(l -> l == -2.0));
  }

  @Test
  void lambdaIsClippedInsideExp() {
    LogisticHpoProblem spec = problem(3, PER_FEATURE, Heterogeneity.MILD, false);
    LocalProblem shard = spec.build(1);
    double[] y = FiniteDifferences.gaussian(new SplittableRandom(2), spec.dimY(), 0.0, 0.5);
    double[] atBox = new double[spec.dimX()];
    double[] beyond = new double[spec.dimX()];
    Arrays.fill(atBox, 12.0);
    Arrays.fill(beyond, 40.0);
    assertEquals(shard.lowerValue(atBox, y), shard.lowerValue(beyond, y));
    assertArrayEquals(shard.gradYLower(atBox, y), shard.gradYLower(beyond, y));
  }

  @Test
  void evaluationReportsValidationLossAndTestAccuracy() {
    for (int classes : new int[] {2, 5}) {
      LogisticHpoProblem spec = new LogisticHpoProblem(3, 8, classes, SCALAR, 400, 200, 300,
          Heterogeneity.IID, false, 5L, -2.0);
      LocalProblem shard = spec.build(0);
      double[] x = spec.initialX();
      Evaluation atZero = shard.evaluate(x, spec.initialY());
      assertEquals(Math.log(classes), atZero.upperLoss(), 1e-12);
      assertEquals(300.0, atZero.testCount());

      // The teacher (for K = 2, its class-1 minus class-0 column) classifies all but the noisy labels.
      int d = spec.features();
      double[] teacher = spec.generator().teacher();
      double[] w = classes == 2
          ? Vectors.sub(Vectors.slice(teacher, d, d), Vectors.slice(teacher, 0, d))
          : teacher;
      Evaluation atTeacher = shard.evaluate(x, w);
      double accuracy = atTeacher.testCorrect() / atTeacher.testCount();
      System.out.printf("logistic K=%d: teacher test accuracy %.3f%n", classes, accuracy);
      assertTrue(accuracy > 0.8 && accuracy < 1.0, "accuracy " + accuracy);
      assertEquals(shard.upperValue(x, w), atTeacher.upperLoss());
    }
  }

  @Test
  void buildingAnAgentTwiceGivesIdenticalBits() {
    LogisticHpoProblem spec = problem(3, PER_FEATURE, Heterogeneity.SEVERE, true);
    for (int i = 0; i < spec.agents(); i++) {
      assertArrayEquals(FiniteDifferences.serialized(spec.build(i)), FiniteDifferences.serialized(spec.build(i)));
    }
    assertEquals(spec.smoothness(), spec.smoothness());
  }

  @Test
  void unequalShardSizesDifferAndMatchTheShards() {
    LogisticHpoProblem spec = problem(2, SCALAR, Heterogeneity.IID, true);
    int[] sizes = spec.shardSizes();
    assertTrue(Arrays.stream(sizes).distinct().count() > 1, Arrays.toString(sizes));
    for (int i = 0; i < spec.agents(); i++) {
      assertEquals(sizes[i], spec.build(i).shardSize());
      assertTrue(sizes[i] >= 10 && sizes[i] <= 80, Arrays.toString(sizes));
    }
    assertTrue(Arrays.stream(problem(2, SCALAR, Heterogeneity.IID, false).shardSizes()).allMatch(s -> s == 40));
  }

  @Test
  void heterogeneityPresetsDiffer() {
    SyntheticClassification iid = problem(3, PER_FEATURE, Heterogeneity.IID, false).generator();
    SyntheticClassification mild = problem(3, PER_FEATURE, Heterogeneity.MILD, false).generator();
    SyntheticClassification severe = problem(3, PER_FEATURE, Heterogeneity.SEVERE, false).generator();
    assertArrayEquals(iid.teacher(), severe.teacher());
    double[] a0 = iid.agent(0).train().matrix();
    double[] m0 = mild.agent(0).train().matrix();
    double[] s0 = severe.agent(0).train().matrix();
    // The same noise draws shifted by a per-agent mean: the shift grows with the preset.
    double mildShift = Math.sqrt(Vectors.distanceSquared(a0, m0));
    double severeShift = Math.sqrt(Vectors.distanceSquared(a0, s0));
    assertTrue(mildShift > 0.0 && severeShift > 2 * mildShift, mildShift + " vs " + severeShift);
  }

  @Test
  void smoothnessBoundsTheCurvatureInW() {
    for (int classes : new int[] {2, 4}) {
      LogisticHpoProblem spec = problem(classes, PER_FEATURE, Heterogeneity.SEVERE, true);
      double l = spec.smoothness();
      SplittableRandom rng = new SplittableRandom(23);
      for (int i = 0; i < spec.agents(); i++) {
        LocalProblem shard = spec.build(i);
        assertNull(shard.freeze(spec.initialX(), spec.initialY()));
        for (int t = 0; t < 5; t++) {
          double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
          double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
          double hv = Vectors.norm(shard.hessianVector(spec.initialX(), y, v));
          assertTrue(hv <= l * Vectors.norm(v), "||Hv|| = " + hv + " > L ||v|| with L = " + l);
        }
      }
    }
  }

  @Test
  void invalidParametersNameTheirKey() {
    Heterogeneity h = Heterogeneity.IID;
    assertKey("problem.agents", () -> new LogisticHpoProblem(0, 6, 2, SCALAR, 40, 25, 30, h, false, 1, -2));
    assertKey("problem.logistic.features", () -> new LogisticHpoProblem(2, 0, 2, SCALAR, 40, 25, 30, h, false, 1, -2));
    assertKey("problem.logistic.classes", () -> new LogisticHpoProblem(2, 6, 1, SCALAR, 40, 25, 30, h, false, 1, -2));
    assertKey("problem.logistic.hyperparameters", () -> new LogisticHpoProblem(2, 6, 2, null, 40, 25, 30, h, false, 1, -2));
    assertKey("problem.logistic.train", () -> new LogisticHpoProblem(2, 6, 2, SCALAR, 0, 25, 30, h, false, 1, -2));
    assertKey("problem.logistic.validation", () -> new LogisticHpoProblem(2, 6, 2, SCALAR, 40, 0, 30, h, false, 1, -2));
    assertKey("problem.logistic.test", () -> new LogisticHpoProblem(2, 6, 2, SCALAR, 40, 25, -1, h, false, 1, -2));
    assertKey("problem.logistic.initial-lambda", () -> new LogisticHpoProblem(2, 6, 2, SCALAR, 40, 25, 30, h, false, 1, 13));
    assertKey("problem.logistic.initial-lambda", () -> new LogisticHpoProblem(2, 6, 2, SCALAR, 40, 25, 30, h, false, 1,
        Double.NaN));
    assertKey("problem.heterogeneity", () -> new LogisticHpoProblem(2, 6, 2, SCALAR, 40, 25, 30, null, false, 1, -2));
  }
}
