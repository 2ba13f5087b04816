package dbo.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The BLAS name the manifest records, and the shard-shaped products against a naive triple loop. */
class BlasBackendTest {
  @Test
  void namesTheLoadedImplementation() {
    String name = BlasBackend.describe();
    assertFalse(name.isBlank());
    assertTrue(name.startsWith("Java (") || name.contains("(native"), name);
  }

  @Test
  void kindFromTheLibraryPath() {
    assertEquals("OpenBLAS", BlasBackend.kind("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"));
    assertEquals("reference BLAS", BlasBackend.kind("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"));
    assertEquals("MKL", BlasBackend.kind("/opt/intel/lib/libmkl_rt.so"));
    assertEquals("native BLAS", BlasBackend.kind("/usr/lib/libblas.so.3"));
  }

  /** A Y and A' R at the oracles' shape (rows x 785 by 785 x 10), both transposition flags. */
  @Test
  void productsAgreeWithNaiveLoops() {
    int m = 301;
    int d = 785;
    int k = 10;
    double[] a = random(m * d, 1);
    double[] y = random(d * k, 2);
    double[] r = random(m * k, 3);
    double[] z = Matrices.multiply(a, m, d, false, y, d, k, false);
    double[] g = Matrices.multiply(a, m, d, true, r, m, k, false);
    for (int c = 0; c < k; c++) {
      for (int s = 0; s < m; s++) {
        double sum = 0.0;
        double abs = 0.0;
        for (int j = 0; j < d; j++) {
          sum += a[s + j * m] * y[j + c * d];
          abs += Math.abs(a[s + j * m] * y[j + c * d]);
        }
        assertEquals(sum, z[s + c * m], 1e-12 * abs);
      }
      for (int j = 0; j < d; j++) {
        double sum = 0.0;
        double abs = 0.0;
        for (int s = 0; s < m; s++) {
          sum += a[s + j * m] * r[s + c * m];
          abs += Math.abs(a[s + j * m] * r[s + c * m]);
        }
        assertEquals(sum, g[j + c * d], 1e-12 * abs);
      }
    }
  }

  private static double[] random(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = rng.nextDouble() - 0.5;
    return out;
  }
}
