package dbo.linalg;

/**
 * Element-wise arithmetic on dense {@code double[]} vectors, the currency of every agent update.
 * Every method runs in a fixed order, so the same inputs give the same bits in every runner.
 */
public final class Vectors {
  private Vectors() {}

  /** a + b as a new vector. */
  public static double[] add(double[] a, double[] b) {
    check(a, b);
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[i] + b[i];
    return out;
  }

  /** a - b as a new vector. */
  public static double[] sub(double[] a, double[] b) {
    check(a, b);
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
    return out;
  }

  /** a + s * b as a new vector. */
  public static double[] axpy(double[] a, double s, double[] b) {
    check(a, b);
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[i] + s * b[i];
    return out;
  }

  /** a + b - c as a new vector (the tracking correction W s + v+ - v). */
  public static double[] addSub(double[] a, double[] b, double[] c) {
    check(a, b);
    check(a, c);
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[i] + b[i] - c[i];
    return out;
  }

  /** s * a as a new vector. */
  public static double[] scale(double s, double[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) out[i] = s * a[i];
    return out;
  }

  /** In place: acc += s * b. */
  public static void addScaledInPlace(double[] acc, double s, double[] b) {
    check(acc, b);
    for (int i = 0; i < acc.length; i++) acc[i] += s * b[i];
  }

  public static double dot(double[] a, double[] b) {
    check(a, b);
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum;
  }

  public static double normSquared(double[] a) {
    return dot(a, a);
  }

  public static double norm(double[] a) {
    return Math.sqrt(normSquared(a));
  }

  /** ||a - b||^2. */
  public static double distanceSquared(double[] a, double[] b) {
    check(a, b);
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  /** Projection onto the Euclidean ball of the given radius (identity for an infinite radius). */
  public static double[] projectBall(double[] a, double radius) {
    if (Double.isInfinite(radius)) return a;
    double n = norm(a);
    return n <= radius ? a : scale(radius / n, a);
  }

  /** The median of the entries (the mean of the middle two for an even count); NaN for none. */
  public static double median(double[] a) {
    double[] s = a.clone();
    java.util.Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  /** True when every entry is finite. */
  public static boolean isFinite(double[] a) {
    for (double v : a) if (!Double.isFinite(v)) return false;
    return true;
  }

  /** Concatenation of the given vectors, in order. */
  public static double[] concat(double[]... parts) {
    int len = 0;
    for (double[] p : parts) len += p.length;
    double[] out = new double[len];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The slice [from, from + len) as a new vector. */
  public static double[] slice(double[] a, int from, int len) {
    double[] out = new double[len];
    System.arraycopy(a, from, out, 0, len);
    return out;
  }

  private static void check(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vector lengths differ: " + a.length + " vs " + b.length);
    }
  }
}
