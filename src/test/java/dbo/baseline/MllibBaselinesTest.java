package dbo.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.Dataset;
import dbo.data.DatasetSource;
import dbo.data.PlacementRule;
import dbo.problem.HyperCleaningProblem;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import dbo.runtime.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MLlib baselines on a small generated data set, on the shared local[2] context. */
@LocalSpark.Shared
class MllibBaselinesTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.sharedSession();
  }

  /** 600 images of 100 pixels, 10 classes; each class lights its own band of 10 pixels, plus noise. */
  private static Dataset banded() {
    int n = 600;
    int d = 100;
    byte[] px = new byte[n * d];
    int[] labels = new int[n];
    SplittableRandom rng = new SplittableRandom(21);
    for (int s = 0; s < n; s++) {
      labels[s] = s % 10;
      for (int j = 0; j < d; j++) px[s * d + j] = (byte) Math.min(255, (j / 10 == labels[s] ? 120 : 0) + rng.nextInt(100));
    }
    return Dataset.ofPixels("banded", px, n, d, labels, 10);
  }

  private static HyperCleaningProblem problem(double corruption) {
    return new HyperCleaningProblem(4, DatasetSource.of(banded()), 400, 100, 100, corruption,
        PlacementRule.dirichlet(1.0), 3L, 1e-3, 0.0);
  }

  /**
   * At 80% corruption (about 72% of the labels wrong) the model trained on the corrupted labels is worse
   * than the one trained on the clean samples only; both see exactly the problem's samples.
   */
  @Test
  void cleanOnlyBeatsCorruptedLabelsAtHighCorruption() throws Exception {
    HyperCleaningProblem p = problem(0.8);
    AtomicLong largestResult = new AtomicLong();
    SparkListener listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd e) {
        if (e.taskMetrics() != null) largestResult.accumulateAndGet(e.taskMetrics().resultSize(), Math::max);
      }
    };
    spark.sparkContext().addSparkListener(listener);
    List<MllibBaselines.Result> r;
    try {
      r = MllibBaselines.run(spark, p, 100);
    } finally {
      spark.sparkContext().listenerBus().waitUntilEmpty();
      spark.sparkContext().removeSparkListener(listener);
    }
    MllibBaselines.Result corrupted = r.get(0);
    MllibBaselines.Result clean = r.get(1);
    assertEquals(MllibBaselines.CORRUPTED, corrupted.name());
    assertEquals(MllibBaselines.CLEAN_ONLY, clean.name());
    int wrong = p.layout().corruptedCount();
    assertEquals(400, corrupted.trainSamples());
    assertEquals(400 - wrong, clean.trainSamples());
    assertEquals(100, corrupted.testSamples());
    assertEquals(2e-3, corrupted.regParam());
    assertTrue(clean.testAccuracy() >= corrupted.testAccuracy() + 0.1,
        "clean-only " + clean.testAccuracy() + " vs corrupted " + corrupted.testAccuracy());
    assertTrue(clean.testAccuracy() >= 0.9, "clean-only " + clean.testAccuracy());
    // Nothing the size of the data came back to the driver: an agent holds 100 training rows of 100
    // doubles (80 KB as doubles); no task returned even half of that.
    assertTrue(largestResult.get() > 0, "the listener saw the tasks");
    assertTrue(largestResult.get() < 40_000, "largest task result " + largestResult.get() + " bytes");
  }

  /** With centered features the baselines see the same shifted pixels as the bilevel problem. */
  @Test
  void baselineRowsCarryTheProblemsCenteredFeatures() {
    Dataset data = banded();
    HyperCleaningProblem centered = new HyperCleaningProblem(4, DatasetSource.of(data), 400, 100, 100, 0.3,
        PlacementRule.dirichlet(1.0), 3L, 1e-3, 0.0, true);
    double[] offset = centered.featureOffset();
    for (int agent = 0; agent < centered.agents(); agent++) {
      HyperCleaningProblem.AgentRows r = centered.rows(agent);
      java.util.Iterator<org.apache.spark.sql.Row> train = MllibBaselines.trainRows(centered, agent);
      for (int k = 0; k < r.trainRows().length; k++) {
        org.apache.spark.ml.linalg.Vector v = train.next().getAs(0);
        for (int j = 0; j < data.features(); j++) {
          assertEquals(data.feature(r.trainRows()[k], j) - offset[j], v.apply(j), 0.0);
        }
      }
      java.util.Iterator<org.apache.spark.sql.Row> test = MllibBaselines.testRows(centered, agent);
      org.apache.spark.ml.linalg.Vector first = test.next().getAs(0);
      assertEquals(data.feature(r.testRows()[0], 5) - offset[5], first.apply(5), 0.0);
    }
  }

  /**
   * The converged flag and the iteration count, both ways: two L-BFGS iterations cannot fit the model, so
   * each fit runs into the limit and is not converged; with a generous limit each stops by its tolerance
   * (1e-6) well before it. baselines.csv carries both.
   */
  @Test
  void convergedSaysWhetherAFitStoppedByItsToleranceOrAtTheLimit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    HyperCleaningProblem p = new HyperCleaningProblem(4, DatasetSource.of(banded()), 400, 100, 100, 0.3,
        PlacementRule.dirichlet(1.0), 3L, 1e-2, 0.0);
    List<MllibBaselines.Result> limited = MllibBaselines.run(spark, p, 2);
    List<MllibBaselines.Result> generous = MllibBaselines.run(spark, p, 1000);
    for (MllibBaselines.Result r : limited) {
      assertEquals(2, r.maxIterations(), r.name());
      assertEquals(2, r.iterations(), r.name());
      assertFalse(r.converged(), r.name() + " stopped at the limit");
    }
    for (MllibBaselines.Result r : generous) {
      assertTrue(r.converged(), r.name() + " after " + r.iterations() + " iterations");
      assertTrue(r.iterations() > 2 && r.iterations() < 1000, r.name() + ": " + r.iterations() + " iterations");
    }
    java.nio.file.Path csv = tmp.resolve("baselines.csv");
    MllibBaselines.writeCsv(csv, List.of(limited.get(0), generous.get(0)));
    List<String> lines = java.nio.file.Files.readAllLines(csv);
    int iterations = MllibBaselines.COLUMNS.indexOf("iterations");
    int converged = MllibBaselines.COLUMNS.indexOf("converged");
    assertEquals(iterations + 1, converged, "converged follows iterations");
    assertEquals(List.of("2", "false"), List.of(lines.get(1).split(",")).subList(iterations, converged + 1));
    assertEquals(List.of(String.valueOf(generous.get(0).iterations()), "true"),
        List.of(lines.get(2).split(",")).subList(iterations, converged + 1));
    assertTrue(MllibBaselines.table(limited).contains("no (limit)"), MllibBaselines.table(limited));
  }

  @Test
  void aProblemWithoutTestSplitIsRefused() {
    HyperCleaningProblem p = new HyperCleaningProblem(4, DatasetSource.of(banded()), 400, 100, 0, 0.3,
        PlacementRule.iid(), 3L, 1e-3, 0.0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MllibBaselines.run(spark, p, 10)).getMessage()
        .contains("problem.hyper-cleaning.test"));
  }
}
