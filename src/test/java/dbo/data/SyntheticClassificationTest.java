package dbo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.linalg.Matrices;
import org.junit.jupiter.api.Test;

class SyntheticClassificationTest {
  private static final int AGENTS = 8;

  private static SyntheticClassification generator(double shift, double skew, double noise) {
    return new SyntheticClassification(5, 3, 2000, 10, 10, shift, skew, noise, false, 4L);
  }

  @Test
  void covariateShiftMovesTheAgentsFeatureMeans() {
    double iid = meanShift(generator(0.0, 0.0, 0.1));
    double mild = meanShift(generator(0.5, 0.0, 0.1));
    double severe = meanShift(generator(2.0, 0.0, 0.1));
    System.out.printf("feature-mean shift: iid %.3f, mild %.3f, severe %.3f%n", iid, mild, severe);
    assertTrue(iid < 0.15 && mild > 2 * iid && severe > 2 * mild);
  }

  @Test
  void labelSkewSpreadsTheClassProportions() {
    double iid = labelSpread(generator(0.0, 0.0, 0.1));
    double mild = labelSpread(generator(0.0, 0.5, 0.1));
    double severe = labelSpread(generator(0.0, 3.0, 0.1));
    System.out.printf("label-proportion spread (TV): iid %.3f, mild %.3f, severe %.3f%n", iid, mild, severe);
    assertTrue(iid < 0.05 && mild > iid && severe > 2 * mild);
  }

  @Test
  void labelNoiseDisagreesWithTheTeacherAtTheDocumentedRate() {
    SyntheticClassification gen = generator(0.0, 0.0, 0.1);
    SyntheticClassification.Split s = gen.agent(0).train();
    double[] z = Matrices.multiply(s.matrix(), s.rows(), 5, false, gen.teacher(), 5, 3, false);
    int disagree = 0;
    for (int r = 0; r < s.rows(); r++) {
      int best = 0;
      for (int k = 1; k < 3; k++) if (z[r + k * s.rows()] > z[r + best * s.rows()]) best = k;
      if (best != s.labels()[r]) disagree++;
    }
    // A random label differs from the teacher's with probability (K - 1) / K.
    double rate = disagree / (double) s.rows();
    assertEquals(0.1 * 2.0 / 3.0, rate, 0.025);
  }

  @Test
  void agentsArePureFunctionsOfTheGenerator() {
    SyntheticClassification gen = new SyntheticClassification(4, 2, 30, 10, 5, 1.0, 1.0, 0.1, true, 8L);
    for (int i = 0; i < 3; i++) {
      SyntheticClassification.AgentData a = gen.agent(i);
      SyntheticClassification.AgentData b = gen.agent(i);
      assertArrayEquals(a.train().matrix(), b.train().matrix());
      assertArrayEquals(a.train().labels(), b.train().labels());
      assertArrayEquals(a.test().labels(), b.test().labels());
      assertEquals(gen.trainSize(i), a.train().rows());
      // One size factor per agent for all three splits.
      double factor = ShardSizes.factor(8L, i, true);
      assertEquals(ShardSizes.scale(10, factor), a.validation().rows());
      assertEquals(ShardSizes.scale(5, factor), a.test().rows());
    }
  }

  /** Mean over agents of the norm of the agent's training feature mean. */
  private static double meanShift(SyntheticClassification gen) {
    double total = 0.0;
    for (int i = 0; i < AGENTS; i++) {
      SyntheticClassification.Split s = gen.agent(i).train();
      double sq = 0.0;
      for (int j = 0; j < s.columns(); j++) {
        double m = 0.0;
        for (int r = 0; r < s.rows(); r++) m += s.matrix()[r + j * s.rows()];
        m /= s.rows();
        sq += m * m;
      }
      total += Math.sqrt(sq);
    }
    return total / AGENTS;
  }

  /** Mean over agents of the total-variation distance between the agent's and the pooled class shares. */
  private static double labelSpread(SyntheticClassification gen) {
    double[][] shares = new double[AGENTS][3];
    double[] pooled = new double[3];
    for (int i = 0; i < AGENTS; i++) {
      int[] labels = gen.agent(i).train().labels();
      for (int t : labels) shares[i][t] += 1.0 / labels.length;
      for (int k = 0; k < 3; k++) pooled[k] += shares[i][k] / AGENTS;
    }
    double total = 0.0;
    for (double[] share : shares) {
      double tv = 0.0;
      for (int k = 0; k < 3; k++) tv += 0.5 * Math.abs(share[k] - pooled[k]);
      total += tv;
    }
    return total / AGENTS;
  }
}
