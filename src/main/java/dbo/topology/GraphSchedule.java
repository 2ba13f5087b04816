package dbo.topology;

/**
 * {@code topology.schedule}: which edges of the configured graph G exist at iteration k (ALGORITHMS.md
 * section 11). Every graph of a schedule is a subgraph of G, so G is the union over iterations and the
 * Spark runner's dependency on the previous round stays G's adjacency.
 */
public enum GraphSchedule {
  /** G at every iteration (the default). */
  STATIC("static"),
  /**
   * Two halves of G in turn: iteration k keeps the edges {i, j}, i < j, with i + k even. On a ring of even
   * n these are the two alternating matchings (plus the closing edge {0, n - 1} at even k).
   */
  ALTERNATE("alternate"),
  /**
   * One peer per agent (needs {@code topology.type = exponential}): with tau = ceil(log2 n) and
   * b = (k - 1) mod tau, iteration k keeps the edges {i, i XOR 2^b} whose both ends are agents (i XOR 2^b is
   * i + 2^b or i - 2^b, an edge of the exponential graph). With Metropolis weights W_k = (I + P_k) / 2 on the
   * matched agents; for n a power of 2 the product of tau consecutive W_k is exactly 11'/n.
   */
  ONE_PEER_EXPONENTIAL("one-peer-exponential");

  private final String configName;

  GraphSchedule(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /**
   * Whether edge {i, j} (i < j, an edge of G) is in the scheduled graph of iteration k >= 1 on n agents.
   */
  boolean keeps(int i, int j, long k, int n) {
    return switch (this) {
      case STATIC -> true;
      case ALTERNATE -> ((i + k) & 1L) == 0;
      case ONE_PEER_EXPONENTIAL -> (i ^ j) == 1 << Math.floorMod(k - 1, hops(n));
    };
  }

  /** tau = ceil(log2 n), at least 1: the number of hop lengths 2^b < n. */
  static int hops(int n) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
  }
}
