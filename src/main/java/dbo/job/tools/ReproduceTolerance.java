package dbo.job.tools;

import java.util.Locale;

/**
 * How far a reproduced metric may lie from its reference value, written in a suite file as one of
 * <ul>
 *   <li>{@code exact}: the same number (iteration and oracle counts of deterministic runs);</li>
 *   <li>{@code absolute E}: |measured - reference| <= E (accuracies, fractions);</li>
 *   <li>{@code relative E}: |measured - reference| <= E |reference| (losses, norms of moderate size);</li>
 *   <li>{@code log10 D} or {@code log10 D floor F}: |log10 max(measured, F) - log10 max(reference, F)| <= D,
 *   for errors that decay over many orders of magnitude and end near machine precision, where the last
 *   digits depend on the CPU's floating-point path. Values at or below the floor F (default 0) count as F,
 *   so two errors both below 1e-20 agree.</li>
 * </ul>
 * A metric that does not apply (NaN, an empty CSV field) agrees only with NaN, under every kind.
 */
public record ReproduceTolerance(Kind kind, double value, double floor) {

  /** The four ways of comparing. */
  public enum Kind { EXACT, ABSOLUTE, RELATIVE, LOG10 }

  public ReproduceTolerance {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("tolerance " + value + " must be finite and >= 0");
    }
    if (!(floor >= 0) || Double.isInfinite(floor)) {
      throw new IllegalArgumentException("tolerance floor " + floor + " must be finite and >= 0");
    }
  }

  public static ReproduceTolerance exact() {
    return new ReproduceTolerance(Kind.EXACT, 0, 0);
  }

  /**
   * Parses "exact", "absolute E", "relative E", "log10 D" or "log10 D floor F"; the message of the
   * exception names what was given and what is allowed.
   */
  public static ReproduceTolerance parse(String text) {
    String[] w = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    String allowed = "allowed: exact | absolute E | relative E | log10 D | log10 D floor F (E, D, F numbers >= 0)";
    try {
      switch (w[0]) {
        case "exact":
          if (w.length == 1) return exact();
          break;
        case "absolute":
          if (w.length == 2) return new ReproduceTolerance(Kind.ABSOLUTE, Double.parseDouble(w[1]), 0);
          break;
        case "relative":
          if (w.length == 2) return new ReproduceTolerance(Kind.RELATIVE, Double.parseDouble(w[1]), 0);
          break;
        case "log10":
          if (w.length == 2) return new ReproduceTolerance(Kind.LOG10, Double.parseDouble(w[1]), 0);
          if (w.length == 4 && w[2].equals("floor")) {
            return new ReproduceTolerance(Kind.LOG10, Double.parseDouble(w[1]), Double.parseDouble(w[3]));
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" has a number that does not parse; " + allowed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage() + "; " + allowed);
    }
    throw new IllegalArgumentException("\"" + text + "\" is not a tolerance; " + allowed);
  }

  /** Whether {@code measured} reproduces {@code reference} within this tolerance. */
  public boolean accepts(double reference, double measured) {
    if (Double.isNaN(reference) || Double.isNaN(measured)) return Double.isNaN(reference) && Double.isNaN(measured);
    switch (kind) {
      case EXACT:
        return reference == measured;
      case ABSOLUTE:
        return Math.abs(measured - reference) <= value;
      case RELATIVE:
        return Math.abs(measured - reference) <= value * Math.abs(reference);
      case LOG10: {
        double a = Math.max(reference, floor);
        double b = Math.max(measured, floor);
        if (a == b) return true;
        if (a <= 0 || b <= 0) return false;
        return Math.abs(Math.log10(b) - Math.log10(a)) <= value;
      }
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  /** The tolerance as written in a suite file, e.g. "log10 0.5 floor 1e-20". */
  @Override
  public String toString() {
    return switch (kind) {
      case EXACT -> "exact";
      case ABSOLUTE -> "absolute " + number(value);
      case RELATIVE -> "relative " + number(value);
      case LOG10 -> "log10 " + number(value) + (floor > 0 ? " floor " + number(floor) : "");
    };
  }

  private static String number(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toString().toLowerCase(Locale.ROOT);
  }
}
