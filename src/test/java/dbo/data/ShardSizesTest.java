package dbo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardSizesTest {
  @Test
  void unequalFactorsSpanTheDocumentedRange() {
    double min = Double.POSITIVE_INFINITY;
    double max = 0.0;
    for (int i = 0; i < 2000; i++) {
      double f = ShardSizes.factor(9L, i, true);
      assertTrue(f >= ShardSizes.MIN_FACTOR && f <= ShardSizes.MAX_FACTOR, "factor " + f);
      min = Math.min(min, f);
      max = Math.max(max, f);
    }
    assertTrue(min < 0.27 && max > 1.9, min + " .. " + max);
  }

  @Test
  void sizesArePureFunctionsOfSeedAndAgent() {
    int[] all = ShardSizes.sizes(3L, 16, 100, true);
    for (int i = 15; i >= 0; i--) assertEquals(all[i], ShardSizes.size(3L, i, 100, true));
    assertArrayEquals(all, ShardSizes.sizes(3L, 16, 100, true));
    assertTrue(Arrays.stream(all).distinct().count() > 8, Arrays.toString(all));
    assertTrue(Arrays.stream(ShardSizes.sizes(3L, 16, 100, false)).allMatch(s -> s == 100));
  }

  @Test
  void scaledSizesStayPositiveExceptForEmptySplits() {
    assertEquals(1, ShardSizes.scale(1, 0.25));
    assertEquals(0, ShardSizes.scale(0, 2.0));
    assertEquals(200, ShardSizes.scale(100, 2.0));
  }
}
