package dbo.runtime;

import dbo.algorithm.Message;
import dbo.linalg.Vectors;
import dbo.topology.MixingMatrix;
import dbo.topology.TimeVaryingMixing;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Who talks to whom, with which weights, on each level: the x graph carries a message's upper part, the
 * y, z graph its lower part. Both runners mix through {@link #sum}, which adds the weighted messages in
 * ascending sender id, so their results agree bit for bit.
 *
 * <p>With unreliable links or a schedule of graphs ({@link TimeVaryingMixing}) the weights change with the
 * iteration: {@link #links(int, long)} gives iteration k's, a pure function of (configuration, seed, k) that
 * both runners compute alike, while {@link #links(int)}, the union of every iteration's links, is what the
 * Spark runner's rounds depend on. A dead link has weight 0 on its level, so nothing travels on it.
 */
public final class MixingPlan implements Serializable {
  private static final long serialVersionUID = 1L;
  private final MixingMatrix upper;
  private final MixingMatrix lower;
  private final TimeVaryingMixing upperMixing;
  private final TimeVaryingMixing lowerMixing;
  private final Link[][] links;

  public MixingPlan(MixingMatrix upper, MixingMatrix lower) {
    this(TimeVaryingMixing.fixed(upper), TimeVaryingMixing.fixed(lower));
  }

  /** Levels whose weights may change with the iteration. */
  public MixingPlan(TimeVaryingMixing upperMixing, TimeVaryingMixing lowerMixing) {
    MixingMatrix upper = upperMixing.base();
    MixingMatrix lower = lowerMixing.base();
    this.upperMixing = upperMixing;
    this.lowerMixing = lowerMixing;
    if (upper.size() != lower.size()) {
      throw new IllegalArgumentException("the x graph has " + upper.size() + " agents but the y, z graph has "
          + lower.size());
    }
    this.upper = upper;
    this.lower = lower;
    int n = upper.size();
    links = new Link[n][];
    for (int i = 0; i < n; i++) {
      TreeSet<Integer> ids = new TreeSet<>();
      for (int j : upper.neighbours(i)) ids.add(j);
      for (int j : lower.neighbours(i)) ids.add(j);
      List<Link> row = new ArrayList<>();
      for (int j : ids) row.add(new Link(j, upper.weight(i, j), lower.weight(i, j)));
      links[i] = row.toArray(new Link[0]);
    }
  }

  /** The same graph on both levels. */
  public static MixingPlan single(MixingMatrix w) {
    return new MixingPlan(w, w);
  }

  public int agents() {
    return upper.size();
  }

  public MixingMatrix upper() {
    return upper;
  }

  public MixingMatrix lower() {
    return lower;
  }

  /** The x level's W_k. */
  public TimeVaryingMixing upperMixing() {
    return upperMixing;
  }

  /** The y, z level's W_k. */
  public TimeVaryingMixing lowerMixing() {
    return lowerMixing;
  }

  /** Whether the weights are the same at every iteration. */
  public boolean isStatic() {
    return upperMixing.isStatic() && lowerMixing.isStatic();
  }

  /** Agent i's links, ascending by neighbour, including itself: on Spark, the rounds' dependency. */
  public Link[] links(int i) {
    return links[i].clone();
  }

  /**
   * Agent i's links at iteration k with W_k's weights: the neighbours of {@link #links(int)}, in the same
   * order, with weight 0 on a level where the link is dead (or absent).
   */
  public Link[] links(int i, long k) {
    if (isStatic()) return links(i);
    Link[] all = links[i];
    double[] up = row(upperMixing, i, k, all);
    double[] lo = lowerMixing == upperMixing ? up : row(lowerMixing, i, k, all);
    Link[] out = new Link[all.length];
    for (int m = 0; m < all.length; m++) out[m] = new Link(all[m].neighbour(), up[m], lo[m]);
    return out;
  }

  /** Row i of a level's W_k, spread over the union links {@code all} (0 where the level has no link). */
  private static double[] row(TimeVaryingMixing level, int i, long k, Link[] all) {
    int[] nb = level.base().neighbours(i);
    double[] w = level.weights(i, k);
    double[] out = new double[all.length];
    for (int m = 0; m < all.length; m++) {
      int at = Arrays.binarySearch(nb, all[m].neighbour());
      if (at >= 0) out[m] = w[at];
    }
    return out;
  }

  /** Undirected edges live at iteration k on the x and on the y, z graph. */
  public long[] liveEdges(long k) {
    return new long[] {upperMixing.liveEdges(k), lowerMixing.liveEdges(k)};
  }

  /** The envelope {@code sender} sends along {@code link}, whose weights are the receiver's w_ij. */
  public static Envelope envelope(int sender, Link link, Message m) {
    return new Envelope(sender, link.upperWeight(), link.lowerWeight(),
        link.upperWeight() > 0 ? m.upper() : null, link.lowerWeight() > 0 ? m.lower() : null);
  }

  /**
   * sum_j w_ij m_j for each level, in ascending sender id whatever order the envelopes arrive in.
   */
  public static Message sum(List<Envelope> envelopes, int upperLength, int lowerLength) {
    Envelope[] sorted = envelopes.toArray(new Envelope[0]);
    Arrays.sort(sorted, Comparator.comparingInt(Envelope::sender));
    double[] up = new double[upperLength];
    double[] lo = new double[lowerLength];
    for (Envelope e : sorted) {
      if (e.upper() != null) Vectors.addScaledInPlace(up, e.upperWeight(), e.upper());
      if (e.lower() != null) Vectors.addScaledInPlace(lo, e.lowerWeight(), e.lower());
    }
    return new Message(up, lo);
  }

  /** Floats sent in one round by all agents together (self links excluded). */
  public long[] floatsPerRound(int upperLength, int lowerLength) {
    return new long[] {2L * upper.edgeCount() * upperLength, 2L * lower.edgeCount() * lowerLength};
  }
}
