package dbo.runtime;

import dbo.algorithm.Message;
import dbo.linalg.Vectors;
import dbo.topology.MixingMatrix;
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
 */
public final class MixingPlan implements Serializable {
  private static final long serialVersionUID = 1L;
  private final MixingMatrix upper;
  private final MixingMatrix lower;
  private final Link[][] links;

  public MixingPlan(MixingMatrix upper, MixingMatrix lower) {
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

  /** Agent i's links, ascending by neighbour, including itself. */
  public Link[] links(int i) {
    return links[i].clone();
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
