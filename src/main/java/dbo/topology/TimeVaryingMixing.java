package dbo.topology;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * The mixing matrix W_k of iteration k on one level (ALGORITHMS.md section 11): the configured W on the
 * configured graph G when links are reliable and the schedule is static (then W_k = W, the very same
 * numbers), otherwise the weights of the live subgraph G_k of G, the edges that the {@link GraphSchedule}
 * keeps at k and that do not {@link LinkFailures fail} at k:
 *
 * <ul>
 *   <li>Metropolis graphs (every kind but an edge list with weights): W_k = c M(G_k) + (1 - c) I, with
 *       M(G_k) the Metropolis-Hastings weights of G_k (w_ij = 1 / (1 + max(deg_k i, deg_k j)) on live edges)
 *       and c = a for the adjusted ring, 1 otherwise, halved when lazy: the configured transform of the
 *       configured weights, on the surviving graph.</li>
 *   <li>An edge list with its own weights: W_k keeps w_ij on live edges and moves a dead edge's weight to
 *       both ends' diagonals.</li>
 * </ul>
 * Either way W_k is symmetric (w_ij is computed from the edge's two ends alike), nonnegative and doubly
 * stochastic (w_ii = 1 - sum of the row), and an agent without a live edge has w_ii = 1: it keeps its own
 * values. W_k may be disconnected; what convergence needs is that the G_k are connected often enough.
 * W_k is a pure function of (configuration, seed, k): each runner, and each Spark task for its own row,
 * computes it where it is needed, and nothing is broadcast per iteration.
 */
public final class TimeVaryingMixing implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Which edges of G are live at iteration k; called with i < j, {i, j} an edge of G. */
  @FunctionalInterface
  public interface LiveEdges extends Serializable {
    boolean live(int i, int j, long k);
  }

  private final MixingMatrix base;
  /** Null: static. */
  private final LiveEdges rule;
  private final String description;
  /** Re-weight by Metropolis on the live graph; false: keep the given weights. */
  private final boolean metropolis;
  /** c in W_k = c M(G_k) + (1 - c) I. */
  private final double scale;
  private final int[][] neighbours;
  private final double[][] weights;

  private TimeVaryingMixing(MixingMatrix base, LiveEdges rule, String description, boolean metropolis,
                            double scale) {
    this.base = base;
    this.rule = rule;
    this.description = description;
    this.metropolis = metropolis;
    this.scale = scale;
    int n = base.size();
    neighbours = new int[n][];
    weights = new double[n][];
    for (int i = 0; i < n; i++) {
      neighbours[i] = base.neighbours(i);
      weights[i] = base.neighbourWeights(i);
    }
  }

  /** W at every iteration. */
  public static TimeVaryingMixing fixed(MixingMatrix w) {
    return new TimeVaryingMixing(w, null, "static", true, 1.0);
  }

  /**
   * Metropolis weights of the live subgraph of {@code w}'s graph (w itself Metropolis, neither lazy nor
   * adjusted), for any rule: tests use it for outages that no configuration describes.
   */
  public static TimeVaryingMixing metropolis(MixingMatrix w, LiveEdges rule, String description) {
    return new TimeVaryingMixing(w, rule, description, true, 1.0);
  }

  /**
   * The level configured by {@code spec}, whose matrix is {@code w = spec.build()}.
   *
   * @throws IllegalArgumentException for a one-peer-exponential schedule on a graph that is not exponential
   */
  public static TimeVaryingMixing of(TopologySpec spec, MixingMatrix w, GraphSchedule schedule, LinkFailures failures) {
    if (schedule == GraphSchedule.ONE_PEER_EXPONENTIAL && spec.kind() != TopologyKind.EXPONENTIAL) {
      throw new IllegalArgumentException("topology.schedule = one-peer-exponential needs topology.type ="
          + " exponential (its one-peer graphs are subgraphs of it), got topology.type = "
          + spec.kind().configName());
    }
    if (schedule == GraphSchedule.STATIC && failures.none()) return fixed(w);
    boolean given = spec.kind() == TopologyKind.EDGE_LIST
        && Graphs.edgeList(Path.of(spec.edgeList()), spec.agents()).weighted();
    double c = (spec.kind() == TopologyKind.ADJUSTED_RING ? spec.ringMix() : 1.0) * (spec.lazy() ? 0.5 : 1.0);
    int n = spec.agents();
    LiveEdges rule = (i, j, k) -> schedule.keeps(i, j, k, n) && !failures.fails(i, j, k);
    String description = "link-failure " + failures.probability() + ", schedule " + schedule.configName()
        + (given ? ", given weights on the live graph" : ", metropolis on the live graph");
    return new TimeVaryingMixing(w, rule, description, !given, c);
  }

  /** (W_k + I) / 2 at every k: the lazy version, for EXTRA and ED. */
  public TimeVaryingMixing lazy() {
    return new TimeVaryingMixing(base.lazy(), rule, description, metropolis, 0.5 * scale);
  }

  /** Whether W_k = W at every k (reliable links, static schedule). */
  public boolean isStatic() {
    return rule == null;
  }

  /** The configured W, on the union of every G_k. */
  public MixingMatrix base() {
    return base;
  }

  public int size() {
    return base.size();
  }

  /** Whether edge {i, j} of G is live at iteration k. */
  public boolean live(int i, int j, long k) {
    int lo = Math.min(i, j);
    int hi = Math.max(i, j);
    return rule == null || rule.live(lo, hi, k);
  }

  /** Agent i's live edges at iteration k. */
  public int degree(int i, long k) {
    int d = 0;
    for (int j : neighbours[i]) if (j != i && live(i, j, k)) d++;
    return d;
  }

  /** Row i of W_k, in the order of {@code base().neighbours(i)} (0 on dead edges). */
  public double[] weights(int i, long k) {
    if (isStatic()) return weights[i].clone();
    int[] nb = neighbours[i];
    double[] row = new double[nb.length];
    int self = -1;
    int di = metropolis ? degree(i, k) : 0;
    double off = 0.0;
    for (int m = 0; m < nb.length; m++) {
      int j = nb[m];
      if (j == i) {
        self = m;
      } else if (live(i, j, k)) {
        row[m] = metropolis ? scale / (1.0 + Math.max(di, degree(j, k))) : weights[i][m];
        off += row[m];
      }
    }
    row[self] = 1.0 - off;
    return row;
  }

  /** W_k as a dense n x n matrix, for tests. */
  public double[][] dense(long k) {
    int n = base.size();
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      double[] row = weights(i, k);
      for (int m = 0; m < row.length; m++) d[i][neighbours[i][m]] = row[m];
    }
    return d;
  }

  /** Undirected edges live at iteration k (each carries one message each way in a round). */
  public int liveEdges(long k) {
    if (isStatic()) return base.edgeCount();
    int count = 0;
    for (int i = 0; i < neighbours.length; i++) {
      for (int j : neighbours[i]) if (j > i && live(i, j, k)) count++;
    }
    return count;
  }

  /** For the manifest, e.g. "static" or "link-failure 0.3, schedule alternate". */
  public String describe() {
    return description;
  }
}
