package dbo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
  @Test
  void closedFormSpectra() {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    assertArrayEquals(new double[] {1.0, 3.0}, SymmetricEigen.eigenvalues(new double[] {2, 1, 1, 2}, 2), 1e-14);
    // The n x n all-ones matrix: 0 (n - 1 times) and n.
    int n = 6;
    double[] ones = new double[n * n];
    java.util.Arrays.fill(ones, 1.0);
    double[] w = SymmetricEigen.eigenvalues(ones, n);
    for (int k = 0; k < n - 1; k++) assertEquals(0.0, w[k], 1e-14);
    assertEquals(n, SymmetricEigen.largest(ones, n), 1e-13);
  }

  @Test
  void onlyTheUpperTriangleIsReadAndTheInputIsKept() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 9;
    double[] a = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i <= j; i++) {
        double v = rng.nextDouble(-1.0, 1.0);
        a[i + j * n] = v;
        a[j + i * n] = v;
      }
    }
    double[] upper = a.clone();
    for (int j = 0; j < n; j++) for (int i = j + 1; i < n; i++) upper[i + j * n] = Double.NaN;
    double[] before = upper.clone();
    double[] w = SymmetricEigen.eigenvalues(upper, n);
    assertArrayEquals(SymmetricEigen.eigenvalues(a, n), w, 0.0);
    assertArrayEquals(before, upper, 0.0);
    for (int k = 1; k < n; k++) assertTrue(w[k - 1] <= w[k], "ascending");
    double trace = 0.0;
    double sum = 0.0;
    for (int k = 0; k < n; k++) {
      trace += a[k + k * n];
      sum += w[k];
    }
    assertEquals(trace, sum, 1e-12, "the eigenvalues sum to the trace");
  }

  @Test
  void refusesAnEmptyOrShortMatrix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SymmetricEigen.eigenvalues(new double[0], 0));
    assertTrue(e.getMessage().contains("order is 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(new double[3], 2));
    assertTrue(e.getMessage().contains("3 entries for a 2 x 2"), e.getMessage());
  }
}
