package dbo.topology;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code topology.*} configuration of one level: which graph, its parameters, and whether to make W
 * lazy. {@link #build()} validates the fields the kind uses and returns the Metropolis-Hastings
 * {@link MixingMatrix} (or the file's own weights for a weighted edge list). Fields a kind does not use
 * are ignored. Defaults ({@link #of}) are in brackets.
 *
 * @param kind {@code topology.type}: ring, adjusted-ring, torus, full, star, exponential, erdos-renyi,
 *     edge-list
 * @param agents {@code problem.agents}: n >= 1
 * @param rows {@code topology.rows} for a torus; 0 derives it [0]
 * @param cols {@code topology.cols} for a torus; 0 derives it [0]. With both 0, n must be a perfect
 *     square; with one 0, the other must divide n
 * @param ringMix {@code topology.ring-mix} a in (0, 1] of the adjusted ring (1 - a) I + a W_ring [0.5]
 * @param edgeProbability {@code topology.edge-probability} p in (0, 1] of Erdos-Renyi [0.5]
 * @param seed master seed; Erdos-Renyi draws from its TOPOLOGY stream [0]
 * @param edgeList {@code topology.edge-list}: path of an "i j" or "i j w" file for edge-list [""]
 * @param lazy {@code topology.lazy}: use (W + I) / 2 instead of W [false]
 */
public record TopologySpec(
    TopologyKind kind,
    int agents,
    int rows,
    int cols,
    double ringMix,
    double edgeProbability,
    long seed,
    String edgeList,
    boolean lazy) implements Serializable {

  public static final double DEFAULT_RING_MIX = 0.5;
  public static final double DEFAULT_EDGE_PROBABILITY = 0.5;

  public TopologySpec {
    if (kind == null) {
      throw new IllegalArgumentException("topology.type is missing; allowed: " + Arrays.stream(TopologyKind.values())
          .map(TopologyKind::configName).collect(Collectors.joining(", ")));
    }
    if (edgeList == null) edgeList = "";
  }

  /** {@code kind} on {@code agents} agents with every other field at its default. */
  public static TopologySpec of(TopologyKind kind, int agents) {
    return new TopologySpec(kind, agents, 0, 0, DEFAULT_RING_MIX, DEFAULT_EDGE_PROBABILITY, 0L, "", false);
  }

  public TopologySpec withSides(int rows, int cols) {
    return new TopologySpec(kind, agents, rows, cols, ringMix, edgeProbability, seed, edgeList, lazy);
  }

  public TopologySpec withRingMix(double ringMix) {
    return new TopologySpec(kind, agents, rows, cols, ringMix, edgeProbability, seed, edgeList, lazy);
  }

  public TopologySpec withEdgeProbability(double edgeProbability) {
    return new TopologySpec(kind, agents, rows, cols, ringMix, edgeProbability, seed, edgeList, lazy);
  }

  public TopologySpec withSeed(long seed) {
    return new TopologySpec(kind, agents, rows, cols, ringMix, edgeProbability, seed, edgeList, lazy);
  }

  public TopologySpec withEdgeList(String edgeList) {
    return new TopologySpec(kind, agents, rows, cols, ringMix, edgeProbability, seed, edgeList, lazy);
  }

  public TopologySpec withLazy(boolean lazy) {
    return new TopologySpec(kind, agents, rows, cols, ringMix, edgeProbability, seed, edgeList, lazy);
  }

  /**
   * Checks the fields this kind uses, without building the graph or reading an edge-list file.
   *
   * @return this
   * @throws IllegalArgumentException naming the config key, its value and the allowed values
   */
  public TopologySpec validate() {
    if (agents < 1) {
      throw new IllegalArgumentException("problem.agents = " + agents + " must be at least 1");
    }
    switch (kind) {
      case TORUS -> torusSides();
      case ADJUSTED_RING -> {
        if (!(ringMix > 0.0 && ringMix <= 1.0)) {
          throw new IllegalArgumentException("topology.ring-mix = " + ringMix + " is outside (0, 1]; it"
              + " scales the ring's spectral gap, and 1 gives the plain ring");
        }
      }
      case ERDOS_RENYI -> {
        if (!(edgeProbability > 0.0 && edgeProbability <= 1.0)) {
          throw new IllegalArgumentException("topology.edge-probability = " + edgeProbability
              + " is outside (0, 1]; it is the probability that two agents are linked");
        }
      }
      case EDGE_LIST -> {
        if (edgeList.isBlank()) {
          throw new IllegalArgumentException("topology.type = edge-list needs topology.edge-list = <path of a"
              + " file with one 'i j' or 'i j w' edge per line>; it is empty");
        }
      }
      default -> { }
    }
    return this;
  }

  /**
   * Torus sides {rows, cols}: as given, or derived when 0.
   *
   * @throws IllegalArgumentException if they cannot be made to multiply to problem.agents
   */
  public int[] torusSides() {
    int n = agents;
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("topology.rows = " + rows + ", topology.cols = " + cols
          + ": torus sides must be >= 1, or 0 to derive them from problem.agents");
    }
    if (rows == 0 && cols == 0) {
      int s = (int) Math.round(Math.sqrt(n));
      if (s * s != n) {
        throw new IllegalArgumentException("topology.type = torus needs problem.agents to be a perfect"
            + " square, or topology.rows x topology.cols = problem.agents; got " + n + " agents");
      }
      return new int[] {s, s};
    }
    if (rows == 0 || cols == 0) {
      String givenKey = rows == 0 ? "topology.cols" : "topology.rows";
      int given = rows == 0 ? cols : rows;
      if (n % given != 0) {
        throw new IllegalArgumentException(givenKey + " = " + given + " does not divide problem.agents = " + n
            + "; choose a side that divides it, or set both topology.rows and topology.cols");
      }
      return rows == 0 ? new int[] {n / cols, cols} : new int[] {rows, n / rows};
    }
    if ((long) rows * cols != n) {
      throw new IllegalArgumentException("topology.rows x topology.cols = " + rows + " x " + cols + " = "
          + (long) rows * cols + " but problem.agents = " + n + "; choose sides whose product is"
          + " problem.agents, or set both to 0 for a square torus");
    }
    return new int[] {rows, cols};
  }

  /**
   * The manifest description of the matrix {@link #build()} returns, e.g. "torus 4x4, metropolis". For an
   * edge list this reads the file to learn whether it carries weights.
   */
  public String description() {
    validate();
    String weights = "metropolis";
    if (kind == TopologyKind.EDGE_LIST && Graphs.edgeList(Path.of(edgeList), agents).weighted()) {
      weights = "given weights";
    }
    return baseDescription() + ", " + weights + (lazy ? ", lazy" : "");
  }

  private String baseDescription() {
    int n = agents;
    return switch (kind) {
      case RING -> "ring " + n;
      case ADJUSTED_RING -> "adjusted ring " + n + " (a = " + ringMix + ")";
      case TORUS -> {
        int[] s = torusSides();
        yield "torus " + s[0] + "x" + s[1];
      }
      case FULL -> "full " + n;
      case STAR -> "star " + n;
      case EXPONENTIAL -> "exponential " + n;
      case ERDOS_RENYI -> "erdos-renyi " + n + " (p = " + edgeProbability + ", seed " + seed + ")";
      case EDGE_LIST -> "edge-list " + edgeList + " (" + n + " agents)";
    };
  }

  /**
   * Validates this spec and builds its mixing matrix.
   *
   * @throws IllegalArgumentException for invalid fields, an unreadable or malformed edge list, a
   *     disconnected graph, or edge weights that do not give a doubly stochastic W
   */
  public MixingMatrix build() {
    validate();
    int n = agents;
    MixingMatrix w;
    switch (kind) {
      case RING -> w = MixingWeights.metropolis(baseDescription() + ", metropolis", Graphs.ring(n));
      case ADJUSTED_RING -> w = MixingWeights.adjustedRing(baseDescription() + ", metropolis", n, ringMix);
      case TORUS -> {
        int[] s = torusSides();
        w = MixingWeights.metropolis(baseDescription() + ", metropolis", Graphs.torus(s[0], s[1]));
      }
      case FULL -> w = MixingWeights.metropolis(baseDescription() + ", metropolis", Graphs.full(n));
      case STAR -> w = MixingWeights.metropolis(baseDescription() + ", metropolis", Graphs.star(n));
      case EXPONENTIAL -> w = MixingWeights.metropolis(baseDescription() + ", metropolis", Graphs.exponential(n));
      case ERDOS_RENYI -> w = MixingWeights.metropolis(baseDescription() + ", metropolis",
          Graphs.erdosRenyi(n, edgeProbability, seed));
      case EDGE_LIST -> w = buildEdgeList();
      default -> throw new IllegalStateException("unhandled topology " + kind);
    }
    return lazy ? w.lazy() : w;
  }

  private MixingMatrix buildEdgeList() {
    EdgeList list = Graphs.edgeList(Path.of(edgeList), agents);
    Graph g = list.graph();
    if (!g.isConnected()) {
      // Checked here, before MixingMatrix would, so the message can name the file.
      throw new IllegalArgumentException("topology.edge-list = \"" + edgeList + "\": the graph is disconnected ("
          + g.componentCount() + " components; agent " + g.firstUnreachable() + " cannot be reached from agent 0"
          + " among problem.agents = " + agents + "); add edges so that every agent is reachable");
    }
    return list.weighted()
        ? MixingWeights.fromEdgeWeights(baseDescription() + ", given weights", agents, list.edges())
        : MixingWeights.metropolis(baseDescription() + ", metropolis", g);
  }
}
