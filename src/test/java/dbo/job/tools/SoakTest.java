package dbo.job.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.runtime.Fixtures;
import dbo.runtime.LocalSpark;
import dbo.runtime.MixingPlan;
import dbo.runtime.SparkEngine;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * A short soak (4 agents, 200 iterations, checkpoint every 10) must hold its Spark resources bounded:
 * the lineage, the persisted RDDs and the checkpoint directory stay at the size of one checkpoint interval
 * however long the run. Each bound fails on the corresponding leak: a missed checkpoint grows the lineage
 * by about five RDDs per iteration, a missed unpersist grows the persisted RDDs, and keeping old
 * checkpoints grows the directory by one checkpoint (a file per agent) every 10 iterations.
 */
@LocalSpark.Shared
class SoakTest {
  private static final int AGENTS = 4;
  private static final int EVERY = 10;

  @Test
  void lineagePersistedRddsAndCheckpointsStayBounded() throws Exception {
    QuadraticProblem problem = new QuadraticProblem(AGENTS, 2, 3, 1.0, 1.0, 10, Heterogeneity.SEVERE, false, 1);
    MixingPlan plan = Fixtures.ring(AGENTS);
    // The shared context comes with a fresh checkpoint directory and no persisted RDD (LocalSpark.Shared), so
    // what the probe counts is this run's alone.
    JavaSparkContext jsc = LocalSpark.shared();
    List<SoakSample> samples = new ArrayList<>();
    List<Integer> longest = new ArrayList<>();
    try (SparkEngine engine = new SparkEngine(jsc, problem, plan, EVERY)) {
      SoakProbe probe = new SoakProbe(jsc, engine);
      engine.start(Fixtures.sldbo());
      for (long k = 1; k <= 200; k++) {
        engine.iterate(k);
        if ((k + 1) % EVERY == 0) longest.add(probe.lineageRdds());
        if (k % 20 == 0) {
          engine.reports();
          samples.add(probe.sample(k, 0, 0, 0));
        }
      }
    }
    SoakSample first = samples.get(0);
    for (SoakSample s : samples) {
      assertTrue(s.checkpointFiles() >= 1, "a checkpoint exists at " + s.iteration());
      assertEquals(first.checkpointFiles(), s.checkpointFiles(), "checkpoint files at " + s.iteration());
      assertTrue(s.checkpointBytes() <= first.checkpointBytes() * 1.5, "checkpoint bytes at " + s.iteration()
          + ": " + s.checkpointBytes() + " vs " + first.checkpointBytes());
      assertTrue(s.persistedRdds() <= 3 + EVERY, "persisted RDDs at " + s.iteration() + ": " + s.persistedRdds());
      assertEquals(first.lineageRdds(), s.lineageRdds(), "lineage right after a checkpoint, at " + s.iteration());
    }
    // Just before each checkpoint the lineage is longest: nine iterations of a few RDDs each, never more.
    for (int i = 0; i < longest.size(); i++) {
      assertEquals(longest.get(0), longest.get(i), "lineage before checkpoint " + (i + 1));
    }
    assertTrue(longest.get(0) <= 6 * EVERY + 20, "lineage before a checkpoint has " + longest.get(0) + " RDDs");
    assertTrue(longest.get(0) > first.lineageRdds(), "the lineage grows between checkpoints (measured at all)");
    // Closing the engine deletes its last checkpoint too.
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(jsc.getCheckpointDir().get());
    FileSystem fs = dir.getFileSystem(jsc.hadoopConfiguration());
    assertEquals(0, fs.getContentSummary(dir).getFileCount(), "checkpoint files left after close");
  }

  @Test
  void flatnessIsTheLeastSquaresSlopeOverTheSecondHalf() {
    // v = 3k + 5 on the second half (k = 400..700), anything on the first: the slope is exactly 3 per
    // iteration, 3,000 per 1,000 iterations, and last/first compares the last sample with the first.
    List<SoakSample> samples = new ArrayList<>();
    long[] ks = {100, 200, 300, 400, 500, 600, 700, 800};
    for (long k : ks) {
      long v = k < 500 ? 1000 : 3 * k + 5;
      samples.add(new SoakSample(k, 0, 0, v, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1));
    }
    SoakFlatness f = SoakFlatness.of(samples, SoakSample::heapBytes);
    assertEquals(4, f.samplesInFit());
    assertEquals(3000.0, f.slopePerThousand(), 1e-9);
    assertEquals((3 * 800 + 5) / 1000.0, f.lastOverFirst(), 1e-12);
    // A noisy flat series: residuals that sum to zero and are orthogonal to k leave the slope at 0.
    assertEquals(0.0, SoakFlatness.slope(new double[] {1, 2, 3, 4}, new double[] {5, 4, 4, 5}), 1e-12);
  }
}
