package dbo.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbo.data.Dataset;
import dbo.data.DatasetSource;
import dbo.data.PlacementRule;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused {@link LocalProblem#lowerOracles} of the classification shards against their three separate
 * oracles: the same per-row arithmetic, so only the BLAS's rounding of the wider products may differ.
 */
class FusedOraclesTest {
  @Test
  void hyperCleaningFusedEqualsSeparate() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 400;
    int d = 50;
    int classes = 10;
    byte[] px = new byte[n * d];
    int[] labels = new int[n];
    for (int s = 0; s < n; s++) {
      labels[s] = rng.nextInt(classes);
      for (int j = 0; j < d; j++) px[s * d + j] = (byte) rng.nextInt(256);
    }
    Dataset data = Dataset.ofPixels("fused", px, n, d, labels, classes);
    HyperCleaningProblem spec = new HyperCleaningProblem(2, DatasetSource.of(data), 300, 60, 0, 0.3,
        PlacementRule.iid(), 3L, 1e-3, 0.0, true);
    for (int agent = 0; agent < 2; agent++) {
      check(spec.build(agent), rng, 0.5);
    }
  }

  @Test
  void logisticHpoFusedEqualsSeparate() {
    SplittableRandom rng = new SplittableRandom(6);
    for (int classes : new int[] {2, 5}) {
      for (HyperparameterShape shape : HyperparameterShape.values()) {
        LogisticHpoProblem spec = new LogisticHpoProblem(2, 30, classes, shape, 200, 50, 0, Heterogeneity.MILD,
            false, 9L, -2.0);
        check(spec.build(1), rng, 0.5);
      }
    }
  }

  private static void check(LocalProblem shard, SplittableRandom rng, double scale) {
    double[] x = random(shard.dimX(), rng, 2.0);
    double[] y = random(shard.dimY(), rng, scale);
    double[] v = random(shard.dimY(), rng, 1.0);
    LowerOracles fused = shard.lowerOracles(x, y, v);
    close(shard.gradYLower(x, y), fused.gradY(), "grad_y g");
    close(shard.hessianVector(x, y, v), fused.hessianVector(), "H v");
    close(shard.jacobianVector(x, y, v), fused.jacobianVector(), "J v");
  }

  /** Entry-wise within 1e-12 of the largest entry of the separate oracle. */
  private static void close(double[] separate, double[] fused, String what) {
    assertEquals(separate.length, fused.length, what);
    double max = 0.0;
    for (double e : separate) max = Math.max(max, Math.abs(e));
    for (int i = 0; i < separate.length; i++) {
      assertEquals(separate[i], fused[i], 1e-12 * max, what + " entry " + i);
    }
  }

  private static double[] random(int n, SplittableRandom rng, double scale) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = scale * (rng.nextDouble() - 0.5);
    return out;
  }
}
