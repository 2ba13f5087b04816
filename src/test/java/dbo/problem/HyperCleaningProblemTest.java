package dbo.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.Dataset;
import dbo.data.DatasetSource;
import dbo.data.IdxFiles;
import dbo.data.DataDirectory;
import dbo.data.PlacementRule;
import dbo.linalg.Vectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyperCleaningProblemTest {
  @TempDir Path dir;

  /** A tiny pixel data set: 100 rows of 6 features, 3 classes, labels tied to the features. */
  private static Dataset tiny() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 100;
    int d = 6;
    byte[] px = new byte[n * d];
    int[] labels = new int[n];
    for (int s = 0; s < n; s++) {
      labels[s] = rng.nextInt(3);
      for (int j = 0; j < d; j++) px[s * d + j] = (byte) Math.min(255, rng.nextInt(120) + (j % 3 == labels[s] ? 120 : 0));
    }
    return Dataset.ofPixels("tiny", px, n, d, labels, 3);
  }

  private static HyperCleaningProblem problem(DatasetSource source, PlacementRule rule, double corruption) {
    return new HyperCleaningProblem(3, source, 40, 20, 30, corruption, rule, 7L, 1e-3, 0.0);
  }

  @Test
  void everyOracleMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(11);
    double worst = 0.0;
    // Raw pixels on two placements, and centered pixels (the training mean subtracted from every block).
    List<HyperCleaningProblem> specs = List.of(
        problem(DatasetSource.of(tiny()), PlacementRule.iid(), 0.3),
        problem(DatasetSource.of(tiny()), PlacementRule.dirichlet(0.3).withUnequalShards(true), 0.3),
        new HyperCleaningProblem(3, DatasetSource.of(tiny()), 40, 20, 30, 0.3, PlacementRule.iid(), 7L, 1e-3, 0.0, true));
    for (HyperCleaningProblem spec : specs) {
      String rule = spec.placement() + (spec.centered() ? " centered" : "");
      for (int i = 0; i < spec.agents(); i++) {
        LocalProblem shard = spec.build(i);
        double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 1.0);
        double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
        double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
        FiniteDifferences.OracleErrors e = FiniteDifferences.check(shard, x, y, v);
        double gxl = FiniteDifferences.relativeError(
            FiniteDifferences.gradient(xx -> shard.lowerValue(xx, y), x), shard.gradXLower(x, y));
        worst = Math.max(worst, Math.max(e.max(), gxl));
        assertTrue(e.max() <= 1e-6 && gxl <= 1e-6, rule + " agent " + i + ": " + e + ", grad_x g " + gxl);
        assertEquals(0.0, Vectors.norm(shard.gradXUpper(x, y)));
      }
    }
    System.out.printf("hyper-cleaning: worst FD relative error %.2e%n", worst);
  }

  /**
   * Centered features: the offset is the training split's per-pixel mean (computed here by hand), every
   * shard block is shifted by it with the bias column left at 1 (so the training blocks of all agents sum to
   * zero per pixel), and the curvature bound drops (its oracles: everyOracleMatchesFiniteDifferences).
   */
  @Test
  void centeredFeaturesSubtractTheTrainingMean() {
    Dataset data = tiny();
    HyperCleaningProblem raw = problem(DatasetSource.of(data), PlacementRule.iid(), 0.3);
    HyperCleaningProblem centered = new HyperCleaningProblem(3, DatasetSource.of(data), 40, 20, 30, 0.3,
        PlacementRule.iid(), 7L, 1e-3, 0.0, true);
    assertEquals(null, raw.featureOffset());
    int[] trainRows = centered.layout().split().train();
    double[] mean = new double[data.features()];
    for (int row : trainRows) for (int j = 0; j < mean.length; j++) mean[j] += data.feature(row, j) / trainRows.length;
    double[] offset = centered.featureOffset();
    for (int j = 0; j < mean.length; j++) assertEquals(mean[j], offset[j], 1e-12, "pixel " + j);

    double[] columnSums = new double[data.features() + 1];
    int rows = 0;
    for (int i = 0; i < centered.agents(); i++) {
      HyperCleaningProblem.AgentRows r = centered.rows(i);
      dbo.data.FeatureBlock block = dbo.data.FeatureBlock.of(data, r.trainRows(), true, offset);
      double[] a = block.dense();
      int m = block.rows();
      for (int j = 0; j < block.columns(); j++) for (int k = 0; k < m; k++) columnSums[j] += a[j * m + k];
      for (int k = 0; k < m; k++) {
        assertEquals(data.feature(r.trainRows()[k], 2) - offset[2], a[2 * m + k], 0.0);
        assertEquals(1.0, a[data.features() * m + k], 0.0, "bias column");
      }
      rows += m;
    }
    for (int j = 0; j < data.features(); j++) assertEquals(0.0, columnSums[j], 1e-10, "pixel " + j + " sum");
    assertEquals(rows, columnSums[data.features()], 0.0);

    // The oracles on centered blocks: everyOracleMatchesFiniteDifferences.
    assertTrue(centered.smoothness() < 0.75 * raw.smoothness(),
        "centered L " + centered.smoothness() + " vs raw " + raw.smoothness());
    assertEquals("centered", centered.describeData().get("features"));
    assertEquals("raw", raw.describeData().get("features"));
  }

  @Test
  void xDerivativesTouchOnlyTheAgentsOwnBlock() {
    HyperCleaningProblem spec = problem(DatasetSource.of(tiny()), PlacementRule.sorted(1), 0.2);
    HyperCleaningLayout layout = spec.layout();
    assertEquals(spec.dimX(), layout.offsets()[spec.agents()]);
    SplittableRandom rng = new SplittableRandom(2);
    double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 1.0);
    double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
    double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
    for (int i = 0; i < spec.agents(); i++) {
      LocalProblem shard = spec.build(i);
      double[] jv = shard.jacobianVector(x, y, v);
      double[] gx = shard.gradXLower(x, y);
      for (int j = 0; j < spec.dimX(); j++) {
        boolean own = j >= layout.offsets()[i] && j < layout.offsets()[i + 1];
        if (!own) {
          assertEquals(0.0, jv[j]);
          assertEquals(0.0, gx[j]);
        } else {
          assertTrue(gx[j] != 0.0);
        }
      }
      assertEquals(layout.offsets()[i + 1] - layout.offsets()[i], shard.shardSize());
    }
    assertEquals(spec.dimX(), Arrays.stream(spec.shardSizes()).sum());
  }

  @Test
  void corruptionFlagsAndScore() {
    HyperCleaningProblem spec = new HyperCleaningProblem(2, DatasetSource.of(tiny()), 60, 20, 0, 0.5,
        PlacementRule.iid(), 5L, 1e-3, 0.0);
    HyperCleaningLayout layout = spec.layout();
    boolean[] corrupted = layout.corruptedByCoordinate();
    int wrong = layout.corruptedCount();
    assertTrue(wrong > 5 && wrong < 35, "corrupted " + wrong + " of 60 at p = 0.5");
    double[] oracle = new double[60];
    for (int j = 0; j < 60; j++) oracle[j] = corrupted[j] ? -3.0 : 3.0;
    HyperCleaningProblem.CleaningScore perfect = spec.score(oracle, 0.5);
    assertEquals(1.0, perfect.precision());
    assertEquals(1.0, perfect.recall());
    assertEquals(wrong, perfect.corrupted());
    assertTrue(Double.isNaN(spec.score(spec.initialX(), 0.5).precision()));
    HyperCleaningLayout clean = new HyperCleaningProblem(2, DatasetSource.of(tiny()), 60, 20, 0, 0.0,
        PlacementRule.iid(), 5L, 1e-3, 0.0).layout();
    assertEquals(0, clean.corruptedCount());
    assertEquals(Evaluation.lossOnly(spec.build(0).upperValue(oracle, new double[spec.dimY()])).testCount(),
        spec.build(0).evaluate(oracle, new double[spec.dimY()]).testCount());
  }

  /**
   * Flag counts by hand: agent A (coordinates 0-4) flags x < 0, i.e. rows 0, 2, 4 (x = 0 is weight 1/2, not
   * flagged); of its corrupted rows 0, 1 only row 0 is flagged: 3 flagged, 2 corrupted, 1 both (precision
   * 1/3, recall 1/2). Agent B (coordinates 5-7) flags 5 and 6, corrupted 5 and 7: 2, 2, 1. Summed counts:
   * precision 2/5 = 0.4 and recall 2/4 = 0.5, not the mean of the agents' ratios (0.4167 and 0.5).
   */
  @Test
  void flagPrecisionAndRecallAreFormedFromSummedCounts() {
    Dataset d = tiny();
    double[] x = {-1.0, 2.0, -3.0, 0.0, -0.5, -1.0, -1.0, 1.0};
    HyperCleaningShard a = shard(d, new int[] {0, 1, 2, 3, 4}, new boolean[] {true, true, false, false, false});
    HyperCleaningShard b = shard(d, new int[] {5, 6, 7}, new boolean[] {true, false, true});
    double[] y = new double[a.dimY()];
    Evaluation ea = a.evaluate(x, y);
    assertEquals(5, ea.scored());
    assertEquals(3, ea.flagged());
    assertEquals(2, ea.corrupted());
    assertEquals(1, ea.flaggedCorrupted());
    assertEquals(1.0 / 3.0, ea.flagPrecision(), 0.0);
    assertEquals(0.5, ea.flagRecall(), 0.0);
    Evaluation total = ea.plus(b.evaluate(x, y));
    assertEquals(0.4, total.flagPrecision(), 1e-15);
    assertEquals(0.5, total.flagRecall(), 1e-15);
    // Nothing flagged (the initial x = 0): precision undefined, recall 0.
    Evaluation none = a.evaluate(new double[8], y);
    assertTrue(Double.isNaN(none.flagPrecision()));
    assertEquals(0.0, none.flagRecall(), 0.0);
    // Problems without sample weights: neither applies.
    assertTrue(Double.isNaN(Evaluation.lossOnly(1.0).flagPrecision()));
    assertTrue(Double.isNaN(Evaluation.lossOnly(1.0).flagRecall()));
  }

  /** The per-agent flag counts of a built problem, summed, equal {@link HyperCleaningProblem#score}. */
  @Test
  void summedFlagCountsEqualTheScoreOfTheWholeVector() {
    HyperCleaningProblem spec = problem(DatasetSource.of(tiny()), PlacementRule.dirichlet(0.3), 0.4);
    double[] x = FiniteDifferences.gaussian(new SplittableRandom(8), spec.dimX(), 0.0, 1.0);
    double[] y = new double[spec.dimY()];
    Evaluation total = new Evaluation(0, 0, 0);
    for (int i = 0; i < spec.agents(); i++) total = total.plus(spec.build(i).evaluate(x, y));
    HyperCleaningProblem.CleaningScore score = spec.score(x, HyperCleaningProblem.FLAG_THRESHOLD);
    assertEquals(spec.dimX(), total.scored());
    assertEquals(score.flagged(), total.flagged());
    assertEquals(score.corrupted(), total.corrupted());
    assertEquals(score.truePositives(), total.flaggedCorrupted());
    assertEquals(score.precision(), total.flagPrecision(), 0.0);
    assertEquals(score.recall(), total.flagRecall(), 0.0);
  }

  private static HyperCleaningShard shard(Dataset d, int[] coordinates, boolean[] corrupted) {
    int[] rows = new int[coordinates.length];
    for (int k = 0; k < rows.length; k++) rows[k] = k;
    return new HyperCleaningShard(3, 1e-3, 8, dbo.data.FeatureBlock.of(d, rows, true), new int[rows.length],
        corrupted, coordinates, dbo.data.FeatureBlock.of(d, new int[] {10, 11}, true), new int[] {0, 1}, null,
        new int[0]);
  }

  @Test
  void evaluationCoversTheWholeTestSplit() {
    HyperCleaningProblem spec = problem(DatasetSource.of(tiny()), PlacementRule.dirichlet(0.1), 0.1);
    double[] y = FiniteDifferences.gaussian(new SplittableRandom(1), spec.dimY(), 0.0, 1.0);
    Evaluation total = new Evaluation(0, 0, 0);
    for (int i = 0; i < spec.agents(); i++) total = total.plus(spec.build(i).evaluate(spec.initialX(), y));
    assertEquals(30.0, total.testCount());
    assertTrue(total.testCorrect() >= 0 && total.testCorrect() <= 30);
  }

  @Test
  void directorySourceSerializationAndMinibatches() throws Exception {
    Dataset d = tiny();
    Path data = dir.resolve("tiny");
    Files.createDirectories(data);
    // The directory source expects 28 x 28 images: widen the tiny rows to 784 pixels.
    byte[] px = new byte[d.rows() * 784];
    for (int s = 0; s < d.rows(); s++) {
      for (int j = 0; j < 6; j++) px[s * 784 + j * 100] = (byte) Math.round(d.feature(s, j) * 255);
    }
    IdxFiles.writeImages(data.resolve(DataDirectory.IMAGES), px, d.rows(), 28, 28, true);
    IdxFiles.writeLabels(data.resolve(DataDirectory.LABELS), d.labels(), true);
    HyperCleaningProblem spec = problem(DatasetSource.directory(data.toString()), PlacementRule.iid(), 0.2);
    assertEquals(785 * 10, spec.dimY());
    assertTrue(spec.smoothness() > 2e-3);
    LocalProblem shard = spec.build(1);
    LocalProblem copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(FiniteDifferences.serialized(shard)))) {
      copy = (LocalProblem) in.readObject();
    }
    // Compact rows travel; the dense block is rebuilt on the other side.
    assertTrue(FiniteDifferences.serialized(shard).length < 8 * 785 * shard.shardSize());
    SplittableRandom rng = new SplittableRandom(4);
    double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), 0.0, 1.0);
    double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.1);
    double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
    assertArrayEquals(shard.hessianVector(x, y, v), copy.hessianVector(x, y, v));
    assertArrayEquals(shard.jacobianVector(x, y, v), copy.jacobianVector(x, y, v));
    int[] allLower = new int[shard.shardSize()];
    for (int k = 0; k < allLower.length; k++) allLower[k] = k;
    int[] allUpper = new int[shard.upperSamples()];
    for (int k = 0; k < allUpper.length; k++) allUpper[k] = k;
    LocalProblem full = shard.minibatch(allUpper, allLower);
    assertArrayEquals(shard.gradYLower(x, y), full.gradYLower(x, y));
    assertArrayEquals(shard.gradYUpper(x, y), full.gradYUpper(x, y));
    LocalProblem batch = Minibatch.draw(shard, 3L, 1, 5L, 4);
    assertEquals(4, batch.shardSize());
    assertEquals(spec.dimX(), batch.jacobianVector(x, y, v).length);
  }

  @Test
  void invalidSettingsAreRefused() {
    DatasetSource s = DatasetSource.of(tiny());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new HyperCleaningProblem(3, s, 40, 20, 30, 1.5,
        PlacementRule.iid(), 1L, 1e-3, 0.0)).getMessage().startsWith("problem.hyper-cleaning.corruption = 1.5"));
    assertThrows(IllegalArgumentException.class, () -> new HyperCleaningProblem(3, s, 40, 20, 30, 0.1,
        PlacementRule.iid(), 1L, 0.0, 0.0));
    assertThrows(IllegalArgumentException.class, () -> new HyperCleaningProblem(30, s, 40, 20, 30, 0.1,
        PlacementRule.iid(), 1L, 1e-3, 0.0));
    HyperCleaningProblem tooBig = new HyperCleaningProblem(3, s, 80, 20, 30, 0.1, PlacementRule.iid(), 1L, 1e-3, 0.0);
    assertThrows(IllegalArgumentException.class, tooBig::layout);
  }
}
