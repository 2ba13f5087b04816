package dbo.algorithm.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each compressor does what its Javadoc says, and its wire size is what it sends. */
class CompressorTest {

  @Test
  void keptRoundsUpAndKeepsAtLeastOne() {
    assertEquals(3, Compressor.kept(0.1, 30));
    assertEquals(1, Compressor.kept(0.01, 10));
    assertEquals(10, Compressor.kept(1.0, 10));
    assertEquals(50, Compressor.kept(0.01, 5000));
  }

  @Test
  void topKKeepsTheLargestMagnitudesTiesToTheLowerIndex() {
    double[] v = {0.5, -3, 2, -2, 0, 1};
    assertArrayEquals(new double[] {0, -3, 2, -2, 0, 0}, new TopK(0.5).compress(v, null));
    assertArrayEquals(new double[] {0, -3, 2, 0, 0, 0}, new TopK(0.3).compress(v, null));
    assertArrayEquals(v, new TopK(1.0).compress(v, null));
    assertEquals(3 * 12, new TopK(0.5).bytes(6), "a double and an int per kept entry");
    assertEquals(3, new TopK(0.5).floats(6));
  }

  @Test
  void randomKKeepsExactlyKEntriesChosenBySeed() {
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) v[i] = i + 1;
    double[] a = new RandomK(0.1).compress(v, new SplittableRandom(7));
    double[] b = new RandomK(0.1).compress(v, new SplittableRandom(7));
    assertArrayEquals(a, b, "same stream, same indices");
    int kept = 0;
    for (int i = 0; i < v.length; i++) {
      if (a[i] != 0) {
        kept++;
        assertEquals(v[i], a[i]);
      }
    }
    assertEquals(4, kept);
    assertEquals(4 * 8, new RandomK(0.1).bytes(40), "values only: the receivers regenerate the indices");
  }

  @Test
  void quantizerIsUnbiasedAndOnItsGrid() {
    double[] v = {0.3, -1.0, 0.05, 0.7, 0};
    StochasticQuantizer q = new StochasticQuantizer(2);
    SplittableRandom random = new SplittableRandom(3);
    double[] mean = new double[v.length];
    int draws = 200_000;
    for (int t = 0; t < draws; t++) {
      double[] c = q.compress(v, random);
      for (int i = 0; i < v.length; i++) {
        // 2 bits: the four levels -1, -1/3, 1/3, 1 of the scale max|v| = 1
        double level = (c[i] + 1) * 1.5;
        assertEquals(Math.rint(level), level, 1e-12, "on the grid");
        mean[i] += c[i] / draws;
      }
    }
    // Each entry's variance is at most (2/3)^2 / 4, so the mean of 200,000 draws is within 0.005 (4.7 sigma).
    for (int i = 0; i < v.length; i++) assertEquals(v[i], mean[i], 0.005, "E C(v)_" + i);
    assertEquals(8 + 2, q.bytes(5), "the scale and 2 bits per entry, 10 bits in 2 bytes");
    assertArrayEquals(new double[3], q.compress(new double[3], random), "C(0) = 0");
    double[] fine = new StochasticQuantizer(32).compress(v, random);
    for (int i = 0; i < v.length; i++) assertEquals(v[i], fine[i], 1e-9);
  }

  @Test
  void refusesFractionsAndBitsOutOfRange() {
    for (double k : new double[] {0, -0.1, 1.5, Double.NaN}) {
      assertThrows(IllegalArgumentException.class, () -> new TopK(k));
      assertThrows(IllegalArgumentException.class, () -> new RandomK(k));
    }
    assertThrows(IllegalArgumentException.class, () -> new StochasticQuantizer(0));
    assertThrows(IllegalArgumentException.class, () -> new StochasticQuantizer(33));
    assertTrue(new TopK(0.1).delta(20) == 0.1);
  }
}
