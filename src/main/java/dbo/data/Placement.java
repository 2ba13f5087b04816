package dbo.data;

import dbo.random.RandomStreams;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Rows of a labelled data set dealt out to n agents by a {@link PlacementRule} (ALGORITHMS.md section 9).
 *
 * <p>{@link #of} is a pure function of (labels, classes, n, rule, seed) and gives the same bits on every
 * JVM: it uses only {@link SplittableRandom} integers and doubles and {@link StrictMath}. Streams:
 * (seed, SHARED, {@link #SHUFFLE}, k) shuffles class k (step K for the whole set), (seed, SHARED,
 * {@link #SHARES}, k) draws class k's Dirichlet shares, (seed, SHARED, {@link #SHARES}, K) orders the
 * sorted runs, and unequal target sizes come from {@link ShardSizes#factor}. Since the Dirichlet shares
 * and the run order depend only on (seed, class), placing two splits of one data set (e.g. training and
 * validation) with the same seed gives each agent the same class proportions in both.
 *
 * <p>Every agent gets at least one row (n <= rows is required): an agent left empty by a Dirichlet draw
 * takes the last row of the currently largest agent, which the histograms then record.
 *
 * @param indices agent i's rows, ascending
 * @param histograms agent i's number of rows of each class (n x K), for the manifest
 */
public record Placement(int[][] indices, int[][] histograms) implements Serializable {
  /** Stream purpose of the per-class shuffles. */
  public static final long SHUFFLE = 102;
  /** Stream purpose of the Dirichlet shares and the order of sorted runs. */
  public static final long SHARES = 103;

  /** Number of agents. */
  public int agents() {
    return indices.length;
  }

  /** Rows per agent. */
  public int[] sizes() {
    return Arrays.stream(indices).mapToInt(a -> a.length).toArray();
  }

  /**
   * @param labels class index in [0, classes) of every row
   * @param classes K >= 1
   * @param agents n in [1, labels.length]
   * @param rule the placement rule
   * @param seed master seed
   */
  public static Placement of(int[] labels, int classes, int agents, PlacementRule rule, long seed) {
    int rows = labels.length;
    if (agents < 1 || agents > rows) {
      throw new IllegalArgumentException("cannot place " + rows + " rows on " + agents + " agents; need 1 <= agents"
          + " <= rows so that every agent gets at least one");
    }
    int[][] byClass = shuffledClasses(labels, classes, seed);
    double[] weights = new double[agents];
    for (int i = 0; i < agents; i++) weights[i] = ShardSizes.factor(seed, i, rule.unequalShards());
    int[][] lists = switch (rule.kind()) {
      case IID -> iid(labels, classes, agents, weights, seed);
      case DIRICHLET -> dirichlet(byClass, agents, weights, rule.alpha(), seed);
      case SORTED -> sorted(byClass, rows, agents, weights, rule.runs(), seed);
    };
    fillEmpty(lists);
    int[][] hist = new int[agents][classes];
    for (int i = 0; i < agents; i++) {
      Arrays.sort(lists[i]);
      for (int r : lists[i]) hist[i][labels[r]]++;
    }
    return new Placement(lists, hist);
  }

  private static int[][] iid(int[] labels, int classes, int agents, double[] weights, long seed) {
    int[] all = new int[labels.length];
    for (int r = 0; r < all.length; r++) all[r] = r;
    shuffle(all, RandomStreams.of(seed, RandomStreams.SHARED, SHUFFLE, classes));
    int[] sizes = apportion(all.length, weights);
    int[][] out = new int[agents][];
    int at = 0;
    for (int i = 0; i < agents; i++) {
      out[i] = Arrays.copyOfRange(all, at, at + sizes[i]);
      at += sizes[i];
    }
    return out;
  }

  private static int[][] dirichlet(int[][] byClass, int agents, double[] weights, double alpha, long seed) {
    int[][] counts = new int[byClass.length][];
    int[] totals = new int[agents];
    for (int k = 0; k < byClass.length; k++) {
      double[] share = dirichletDraw(RandomStreams.of(seed, RandomStreams.SHARED, SHARES, k), agents, alpha);
      for (int i = 0; i < agents; i++) share[i] *= weights[i];
      counts[k] = apportion(byClass[k].length, share);
      for (int i = 0; i < agents; i++) totals[i] += counts[k][i];
    }
    int[][] out = new int[agents][];
    int[] filled = new int[agents];
    for (int i = 0; i < agents; i++) out[i] = new int[totals[i]];
    for (int k = 0; k < byClass.length; k++) {
      int at = 0;
      for (int i = 0; i < agents; i++) {
        System.arraycopy(byClass[k], at, out[i], filled[i], counts[k][i]);
        filled[i] += counts[k][i];
        at += counts[k][i];
      }
    }
    return out;
  }

  private static int[][] sorted(int[][] byClass, int rows, int agents, double[] weights, int runs, long seed) {
    int[] order = new int[rows];
    int at = 0;
    for (int[] c : byClass) {
      System.arraycopy(c, 0, order, at, c.length);
      at += c.length;
    }
    int[] sizes = apportion(rows, weights);
    int[] runOwner = new int[agents * runs];
    int[] runLength = new int[agents * runs];
    for (int i = 0; i < agents; i++) {
      int[] parts = apportion(sizes[i], filled(runs));
      for (int t = 0; t < runs; t++) {
        runOwner[i * runs + t] = i;
        runLength[i * runs + t] = parts[t];
      }
    }
    int[] perm = new int[agents * runs];
    for (int r = 0; r < perm.length; r++) perm[r] = r;
    shuffle(perm, RandomStreams.of(seed, RandomStreams.SHARED, SHARES, byClass.length));
    int[][] out = new int[agents][];
    int[] filledCount = new int[agents];
    for (int i = 0; i < agents; i++) out[i] = new int[sizes[i]];
    at = 0;
    for (int r : perm) {
      int owner = runOwner[r];
      System.arraycopy(order, at, out[owner], filledCount[owner], runLength[r]);
      filledCount[owner] += runLength[r];
      at += runLength[r];
    }
    return out;
  }

  /** Each class's rows in a seeded random order. */
  private static int[][] shuffledClasses(int[] labels, int classes, long seed) {
    int[] counts = new int[classes];
    for (int l : labels) {
      if (l < 0 || l >= classes) throw new IllegalArgumentException("label " + l + " not in [0, " + classes + ")");
      counts[l]++;
    }
    int[][] out = new int[classes][];
    for (int k = 0; k < classes; k++) out[k] = new int[counts[k]];
    int[] at = new int[classes];
    for (int r = 0; r < labels.length; r++) out[labels[r]][at[labels[r]]++] = r;
    for (int k = 0; k < classes; k++) shuffle(out[k], RandomStreams.of(seed, RandomStreams.SHARED, SHUFFLE, k));
    return out;
  }

  /** Moves rows to empty agents from the currently largest one (lowest index on ties), one at a time. */
  private static void fillEmpty(int[][] lists) {
    for (int i = 0; i < lists.length; i++) {
      if (lists[i].length > 0) continue;
      int largest = 0;
      for (int j = 1; j < lists.length; j++) if (lists[j].length > lists[largest].length) largest = j;
      int[] from = lists[largest];
      lists[i] = new int[] {from[from.length - 1]};
      lists[largest] = Arrays.copyOf(from, from.length - 1);
    }
  }

  /**
   * total split in proportion to the weights by largest remainders (ties to the lower index); all weights
   * zero splits evenly.
   */
  static int[] apportion(int total, double[] weights) {
    double sum = 0.0;
    for (double w : weights) sum += w;
    double[] w = sum > 0.0 ? weights : filled(weights.length);
    if (sum <= 0.0) sum = weights.length;
    int[] out = new int[w.length];
    double[] rest = new double[w.length];
    int given = 0;
    for (int i = 0; i < w.length; i++) {
      double exact = total * (w[i] / sum);
      out[i] = (int) Math.floor(exact);
      rest[i] = exact - out[i];
      given += out[i];
    }
    for (int i = 0; given > total; i = (i + 1) % w.length) {
      // Rounding can push a floor one over when the exact shares sum to a hair above total.
      if (out[i] > 0) {
        out[i]--;
        given--;
      }
    }
    Integer[] byRest = new Integer[w.length];
    for (int i = 0; i < w.length; i++) byRest[i] = i;
    Arrays.sort(byRest, (a, b) -> rest[a] != rest[b] ? Double.compare(rest[b], rest[a]) : Integer.compare(a, b));
    for (int t = 0; given < total; t = (t + 1) % w.length, given++) out[byRest[t]]++;
    return out;
  }

  private static double[] filled(int n) {
    double[] out = new double[n];
    Arrays.fill(out, 1.0);
    return out;
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * One draw from Dirichlet(alpha, ..., alpha) of dimension n, via normalized Gamma(alpha) variables
   * computed in log space so that tiny alpha (where u^(1/alpha) underflows) still gives a valid share.
   */
  static double[] dirichletDraw(SplittableRandom rng, int n, double alpha) {
    double[] logG = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      logG[i] = logGamma(rng, alpha);
      max = Math.max(max, logG[i]);
    }
    double total = 0.0;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = StrictMath.exp(logG[i] - max);
      total += out[i];
    }
    for (int i = 0; i < n; i++) out[i] /= total;
    return out;
  }

  /**
   * log of a Gamma(shape, 1) variate: Marsaglia and Tsang (2000) for shape >= 1, and for shape < 1 the
   * boost Gamma(shape) = Gamma(shape + 1) U^(1/shape), taken in logs.
   */
  private static double logGamma(SplittableRandom rng, double shape) {
    if (shape < 1.0) {
      double u = 1.0 - rng.nextDouble(); // in (0, 1]
      return logGamma(rng, shape + 1.0) + StrictMath.log(u) / shape;
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9.0 * d);
    while (true) {
      double x = gaussian(rng);
      double v = 1.0 + c * x;
      if (v <= 0.0) continue;
      v = v * v * v;
      double u = 1.0 - rng.nextDouble();
      if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) return StrictMath.log(d * v);
    }
  }

  /** A standard normal by Marsaglia's polar method, with StrictMath so every JVM draws the same bits. */
  private static double gaussian(SplittableRandom rng) {
    while (true) {
      double a = 2.0 * rng.nextDouble() - 1.0;
      double b = 2.0 * rng.nextDouble() - 1.0;
      double s = a * a + b * b;
      if (s > 0.0 && s < 1.0) return a * StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
    }
  }
}
