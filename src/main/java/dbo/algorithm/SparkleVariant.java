package dbo.algorithm;

import java.io.Serializable;

/**
 * Which {@link Strategy} SPARKLE uses on the lower level (y, z) and on the upper level (x)
 * (ALGORITHMS.md section 6). Named variants: SPARKLE-GT, SPARKLE-EXTRA, SPARKLE-ED (one strategy on both
 * levels), SPARKLE-ED-GT and SPARKLE-EXTRA-GT (ED or EXTRA on y, z; GT on x); any other pair is named
 * SPARKLE-&lt;yz&gt;-&lt;x&gt;, and DSGD on both levels is D-SOBA's update.
 */
public record SparkleVariant(Strategy yz, Strategy x) implements Serializable {
  public SparkleVariant {
    if (yz == null || x == null) throw new IllegalArgumentException("a SPARKLE variant needs both strategies");
  }

  /** The same strategy on both levels. */
  public static SparkleVariant of(Strategy both) {
    return new SparkleVariant(both, both);
  }

  /** "SPARKLE-ED", "SPARKLE-ED-GT", ... */
  public String label() {
    String lower = yz.configName().toUpperCase(java.util.Locale.ROOT);
    return yz == x ? "SPARKLE-" + lower : "SPARKLE-" + lower + "-" + x.configName().toUpperCase(java.util.Locale.ROOT);
  }
}
