package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;

/**
 * The cumulative communication of a run through iteration k, counting only messages that were sent: a
 * round counts on a level when its part there is nonempty and at least one link of that level is live at
 * that iteration, and every live undirected edge carries one message each way. With reliable links and a
 * static schedule every iteration sends the same, and the totals are k times one iteration's. Floats and
 * bytes per message are the algorithm's ({@link AgentAlgorithm#floatsPerMessage},
 * {@link AgentAlgorithm#bytesPerMessage}: the message lengths and 8 bytes per float, unless compressed).
 */
final class CommunicationCount {
  /** Totals: rounds in which anything was sent, rounds per level, floats per level, bytes on both levels. */
  record Totals(long rounds, long roundsX, long roundsYz, long floatsX, long floatsYz, long bytes) {}

  private final MixingPlan plan;
  /** Per round of an iteration: the message lengths on the x and the y, z graph. */
  private final int[][] lengths;
  /** Per round: floats and bytes one message carries on the x and the y, z graph. */
  private final long[][] floats;
  private final long[][] bytes;
  private long through;
  private long rounds;
  private long roundsX;
  private long roundsYz;
  private long floatsX;
  private long floatsYz;
  private long bytesSent;

  CommunicationCount(AgentAlgorithm<?> algorithm, MixingPlan plan, int dimX, int dimY) {
    this.plan = plan;
    this.lengths = new int[algorithm.rounds()][];
    this.floats = new long[lengths.length][];
    this.bytes = new long[lengths.length][];
    for (int r = 0; r < lengths.length; r++) {
      lengths[r] = algorithm.messageLengths(r, dimX, dimY);
      floats[r] = algorithm.floatsPerMessage(r, dimX, dimY);
      bytes[r] = algorithm.bytesPerMessage(r, dimX, dimY);
    }
  }

  /** The totals over iterations 1..k; calls with growing k cost the new iterations only. */
  Totals through(long k) {
    if (plan.isStatic()) {
      Totals one = iteration(1);
      return new Totals(k * one.rounds(), k * one.roundsX(), k * one.roundsYz(), k * one.floatsX(),
          k * one.floatsYz(), k * one.bytes());
    }
    if (k < through) {
      through = 0;
      rounds = roundsX = roundsYz = floatsX = floatsYz = bytesSent = 0;
    }
    while (through < k) {
      Totals t = iteration(++through);
      rounds += t.rounds();
      roundsX += t.roundsX();
      roundsYz += t.roundsYz();
      floatsX += t.floatsX();
      floatsYz += t.floatsYz();
      bytesSent += t.bytes();
    }
    return new Totals(rounds, roundsX, roundsYz, floatsX, floatsYz, bytesSent);
  }

  /** What iteration k sends. */
  private Totals iteration(long k) {
    long[] edges = plan.liveEdges(k);
    // A static plan counts its rounds as it always has, even on a graph without edges (one agent).
    boolean always = plan.isStatic();
    long r = 0;
    long rx = 0;
    long ryz = 0;
    long fx = 0;
    long fyz = 0;
    long b = 0;
    for (int i = 0; i < lengths.length; i++) {
      int[] len = lengths[i];
      boolean x = len[0] > 0 && (always || edges[0] > 0);
      boolean yz = len[1] > 0 && (always || edges[1] > 0);
      if (x) rx++;
      if (yz) ryz++;
      if (x || yz) r++;
      fx += 2L * edges[0] * floats[i][0];
      fyz += 2L * edges[1] * floats[i][1];
      b += 2L * edges[0] * bytes[i][0] + 2L * edges[1] * bytes[i][1];
    }
    return new Totals(r, rx, ryz, fx, fyz, b);
  }
}
