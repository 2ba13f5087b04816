package dbo.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.ClassTables;
import dbo.linalg.Vectors;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaLearningProblemTest {
  @TempDir
  java.nio.file.Path tmp;

  /** Two CSV tables of 3 classes each pool into 6 classes, rows in order, with the bias column appended. */
  @Test
  void tablesPoolTheirClassesInOrder() throws java.io.IOException {
    java.nio.file.Path a = tmp.resolve("a.csv");
    java.nio.file.Path b = tmp.resolve("b.csv");
    java.nio.file.Files.writeString(a, "7,1.5,2\n8,3,4\n9,5,6\n7,0.5,1\n");
    java.nio.file.Files.writeString(b, "0,-1,-2\n2,-3,-4\n1,-5,-6\n");
    ClassTables t = new ClassTables.Files(java.util.List.of(
        new dbo.data.TableSource(dbo.data.TableSource.Format.CSV, a.toString(), 0, 0),
        new dbo.data.TableSource(dbo.data.TableSource.Format.CSV, b.toString(), 0, 0)));
    assertEquals(6, t.classes());
    assertEquals(2, t.features());
    assertArrayEquals(new int[] {0, 1, 2, 0, 3, 5, 4}, t.labels());
    assertArrayEquals(new int[][] {{0, 3}, {1}, {2}, {4}, {6}, {5}}, t.rowsByClass());
    // Rows 3 (table a) and 5 (table b), column-major with the bias column.
    assertArrayEquals(new double[] {0.5, -3, 1, -4, 1, 1}, t.block(new int[] {3, 5}));
  }

  /** 10 generated classes of 12 rows in 6 dimensions; 3 agents of 2 tasks, 3-way 2-shot, 2 queries. */
  static MetaLearningProblem small(int testTasks) {
    ClassTables data = new ClassTables.Synthetic(10, 12, 6, 2, 2.0, 1.0, 5);
    return new MetaLearningProblem(3, data, 3, 2, 2, 2, 4, 4, 4, 0.05, 1.0, testTasks, 11);
  }

  @Test
  void everyOracleMatchesFiniteDifferences() {
    MetaLearningProblem spec = small(3);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < spec.agents(); i++) {
      LocalProblem shard = spec.build(i);
      double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 0.5);
      double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
      double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
      FiniteDifferences.OracleErrors e = FiniteDifferences.check(shard, x, y, v);
      assertTrue(e.max() < 1e-7, "agent " + i + ": " + e);
      double gxl = FiniteDifferences.relativeError(
          FiniteDifferences.gradient(xx -> shard.lowerValue(xx, y), x), shard.gradXLower(x, y));
      assertTrue(gxl < 1e-7, "grad_x g: " + gxl);
    }
  }

  @Test
  void fusedOraclesEqualTheSeparateOnes() {
    MetaLearningProblem spec = small(0);
    LocalProblem shard = spec.build(1);
    SplittableRandom rng = new SplittableRandom(4);
    double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 0.5);
    double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
    double[] z = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
    LowerOracles o = shard.lowerOracles(x, y, z);
    assertArrayEquals(shard.gradYLower(x, y), o.gradY());
    assertArrayEquals(shard.hessianVector(x, y, z), o.hessianVector());
    assertArrayEquals(shard.jacobianVector(x, y, z), o.jacobianVector());
  }

  /** Only the agent's own slots carry its losses; every slot carries the ridge. */
  @Test
  void agentsTouchOnlyTheirOwnHeads() {
    MetaLearningProblem spec = small(0);
    LocalProblem shard = spec.build(0);
    SplittableRandom rng = new SplittableRandom(5);
    double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 0.5);
    double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
    double[] gf = shard.gradYUpper(x, y);
    double[] gg = shard.gradYLower(x, y);
    int own = spec.tasks() * (spec.hidden() + 1) * spec.ways();
    for (int k = own; k < spec.dimY(); k++) {
      assertEquals(0.0, gf[k]);
      assertEquals(spec.lambda() * y[k], gg[k], 1e-15);
    }
  }

  /** The first-order inner loop: its gradients are f's at the adapted heads, and the heads are GD's. */
  @Test
  void adaptationIsGradientDescentOnTheSupportLoss() {
    MetaLearningProblem spec = small(0);
    MetaLearningShard shard = (MetaLearningShard) spec.build(2);
    SplittableRandom rng = new SplittableRandom(6);
    double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 0.5);
    double[] head = FiniteDifferences.gaussian(rng, shard.headDim(), 0.0, 0.3);
    TaskAdaptation.Adapted a = shard.adapt(x, head, 3, 0.5);
    // Three steps on (1/T) sum_t CE_t, i.e. T times that objective's head gradient, from head in every slot.
    double[] y = new double[spec.dimY()];
    int first = 2 * spec.tasks();
    for (int t = 0; t < spec.tasks(); t++) System.arraycopy(head, 0, y, (first + t) * head.length, head.length);
    for (int k = 0; k < 3; k++) {
      double[] g = Vectors.sub(shard.gradYLower(x, y), Vectors.scale(spec.lambda(), y));
      y = Vectors.axpy(y, -0.5 * spec.tasks(), g);
    }
    assertArrayEquals(y, a.heads(), 1e-12);
    assertArrayEquals(shard.gradXUpper(x, y), a.gradX(), 1e-12);
    double[] gy = shard.gradYUpper(x, y);
    double[] sum = new double[head.length];
    for (int t = 0; t < spec.tasks(); t++) {
      for (int k = 0; k < head.length; k++) sum[k] += gy[(first + t) * head.length + k];
    }
    assertArrayEquals(sum, a.gradHead(), 1e-12);
  }

  @Test
  void buildingIsAPureFunctionOfTheSpec() {
    MetaLearningProblem spec = small(4);
    for (int i = 0; i < spec.agents(); i++) {
      assertArrayEquals(FiniteDifferences.serialized(spec.build(i)), FiniteDifferences.serialized(spec.build(i)));
    }
  }

  @Test
  void theRunsTestAccuracyIsTheMetaTestMean() {
    MetaLearningProblem spec = small(7);
    double[] x = spec.initialX();
    double correct = 0;
    double count = 0;
    for (int i = 0; i < spec.agents(); i++) {
      Evaluation e = spec.build(i).evaluate(x, new double[spec.dimY()]);
      correct += e.testCorrect();
      count += e.testCount();
    }
    MetaLearningProblem.Accuracy a = spec.metaTest(x);
    assertEquals(7, a.tasks());
    assertEquals(correct / count, a.mean(), 1e-12);
  }

  @Test
  void headFitSolvesTheTaskLowerLevel() {
    SplittableRandom rng = new SplittableRandom(8);
    int m = 9;
    int c = 4;
    double[] f = FiniteDifferences.gaussian(rng, m * c, 0.0, 1.0);
    double[] v = HeadFit.fit(f, m, c, 3, 3, 0.1);
    assertTrue(Vectors.norm(HeadFit.gradient(f, m, c, 3, 3, 0.1, v)) <= HeadFit.TOLERANCE);
  }

  @Test
  void badShapesNameTheirKey() {
    ClassTables data = new ClassTables.Synthetic(10, 12, 6, 2, 2.0, 1.0, 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MetaLearningProblem(3, data, 5, 2, 2, 2, 4, 0, 4, 0.05, 1.0, 0, 1));
    assertTrue(e.getMessage().startsWith("problem.meta-learning.test-classes = 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new MetaLearningProblem(3, data, 3, 2, 2, 2, 8, 0, 4, 0.05, 1.0, 0, 1).check());
    assertTrue(e.getMessage().startsWith("problem.meta-learning.test-classes = 8"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new MetaLearningProblem(3, data, 3, 8, 5, 2, 4, 0, 4, 0.05, 1.0, 0, 1).check());
    assertTrue(e.getMessage().startsWith("problem.meta-learning.shots + queries = 13 exceeds the 12 rows"),
        e.getMessage());
  }

  @Test
  void agentsDrawFromDifferentClasses() {
    MetaLearningProblem spec = small(0);
    int[][] split = spec.classSplit();
    assertEquals(6, split[0].length);
    assertTrue(Arrays.stream(split[1]).noneMatch(c -> Arrays.binarySearch(split[0], c) >= 0));
    assertTrue(!Arrays.equals(spec.pool(0, split[0]), spec.pool(1, split[0])));
  }
}
