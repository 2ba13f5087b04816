package dbo.topology;

import dbo.random.RandomStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builders for the communication graphs of ALGORITHMS.md section 2. Every builder returns a
 * {@link Graph} on agents 0..n-1; weights are chosen separately by {@link MixingWeights}.
 */
public final class Graphs {
  /** Erdos-Renyi draws give up after this many disconnected samples. */
  public static final int MAX_ERDOS_RENYI_ATTEMPTS = 1000;

  private Graphs() {}

  /** Cycle 0-1-...-(n-1)-0. One agent: no edges; two agents: the single edge 0-1. */
  public static Graph ring(int n) {
    requireAgents(n);
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) edges.add(new int[] {i, i + 1});
    if (n > 2) edges.add(new int[] {n - 1, 0});
    return Graph.of(n, edges);
  }

  /**
   * 2D torus: agent r * cols + c is linked to its four wrap-around neighbours. A side of 2 links each
   * agent to its one neighbour along that side once, a side of 1 adds no edges along it.
   */
  public static Graph torus(int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("topology: torus sides must be at least 1, got " + rows + " x " + cols);
    }
    int n = Math.multiplyExact(rows, cols);
    List<int[]> edges = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        int down = ((r + 1) % rows) * cols + c;
        int right = r * cols + (c + 1) % cols;
        if (down != i) edges.add(new int[] {i, down});
        if (right != i) edges.add(new int[] {i, right});
      }
    }
    return Graph.of(n, edges);
  }

  /** Complete graph: every pair of agents is linked. */
  public static Graph full(int n) {
    requireAgents(n);
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) edges.add(new int[] {i, j});
    return Graph.of(n, edges);
  }

  /** Star with hub 0: agent 0 is linked to every other agent, and no other edges. */
  public static Graph star(int n) {
    requireAgents(n);
    List<int[]> edges = new ArrayList<>();
    for (int j = 1; j < n; j++) edges.add(new int[] {0, j});
    return Graph.of(n, edges);
  }

  /**
   * Static exponential graph: agent i is linked to i + 2^k mod n for k = 0..floor(log2(n - 1)), made
   * undirected, so the degree is O(log n) and the spectral gap stays bounded away from 0 as n grows.
   */
  public static Graph exponential(int n) {
    requireAgents(n);
    List<int[]> edges = new ArrayList<>();
    for (long hop = 1; hop <= n - 1; hop *= 2) {
      for (int i = 0; i < n; i++) edges.add(new int[] {i, (int) ((i + hop) % n)});
    }
    return Graph.of(n, edges);
  }

  /**
   * Erdos-Renyi G(n, p), resampled until connected. Attempt t draws every pair i < j in lexicographic
   * order from {@code RandomStreams.of(seed, SHARED, TOPOLOGY, t)}, so the graph depends only on
   * (n, p, seed).
   *
   * @param p edge probability in (0, 1]
   * @throws IllegalArgumentException if p is outside (0, 1] or no connected sample is found within
   *     {@link #MAX_ERDOS_RENYI_ATTEMPTS} attempts
   */
  public static Graph erdosRenyi(int n, double p, long seed) {
    requireAgents(n);
    if (!(p > 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("topology.edge-probability = " + p + " is outside (0, 1]; "
          + "choose the probability that each pair of agents is linked");
    }
    for (int attempt = 0; attempt < MAX_ERDOS_RENYI_ATTEMPTS; attempt++) {
      SplittableRandom rng = RandomStreams.of(seed, RandomStreams.SHARED, RandomStreams.TOPOLOGY, attempt);
      List<int[]> edges = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) if (rng.nextDouble() < p) edges.add(new int[] {i, j});
      }
      Graph g = Graph.of(n, edges);
      if (g.isConnected()) return g;
    }
    // Above ln(n)/n a sample is connected with high probability.
    double threshold = Math.log(n) / n;
    throw new IllegalArgumentException("topology.type = erdos-renyi: no connected graph on " + n
        + " agents with topology.edge-probability = " + p + " in " + MAX_ERDOS_RENYI_ATTEMPTS
        + " attempts; raise topology.edge-probability (values well above ln(n)/n = "
        + String.format("%.3g", threshold) + " are connected with high probability)");
  }

  /**
   * Reads an edge list: one edge per line as {@code i j} or {@code i j w} (0-based ids, w > 0 the mixing
   * weight), blank lines and {@code #} comments allowed. Either every edge line has a weight or none
   * does. The graph may be disconnected here; callers that build a mixing matrix refuse that.
   *
   * @throws IllegalArgumentException with a one-line message naming the line and the fix, for a missing
   *     or unreadable file, a malformed line, an id outside [0, n), a self loop, a weight that is not
   *     positive and finite, a duplicate edge, or a mix of weighted and unweighted lines
   */
  public static EdgeList edgeList(Path file, int n) {
    requireAgents(n);
    String where = "topology.edge-list = \"" + file + "\"";
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(where + ": no such file; give the path of a text file with one"
          + " 'i j' or 'i j w' edge per line");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(oneLine(where + ": cannot read the file (" + e + "); check its"
          + " permissions and that it is UTF-8 text"), e);
    }
    List<WeightedEdge> edges = new ArrayList<>();
    List<int[]> pairs = new ArrayList<>();
    Map<Long, Integer> firstLine = new HashMap<>();
    int formatLine = 0;
    boolean weighted = false;
    for (int k = 0; k < lines.size(); k++) {
      int lineNo = k + 1;
      String raw = lines.get(k);
      int hash = raw.indexOf('#');
      String text = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (text.isEmpty()) continue;
      String at = where + ", line " + lineNo + " (\"" + excerpt(text) + "\")";
      String[] tok = text.split("\\s+");
      if (tok.length != 2 && tok.length != 3) {
        throw new IllegalArgumentException(at + ": expected 'i j' or 'i j w', got " + tok.length
            + " fields; write one edge per line, with ids separated by spaces");
      }
      int i = parseId(tok[0], at);
      int j = parseId(tok[1], at);
      for (int id : new int[] {i, j}) {
        if (id < 0 || id >= n) {
          throw new IllegalArgumentException(at + ": agent id " + id + " is outside [0, " + n
              + ") for problem.agents = " + n + "; ids are 0-based, so use 0.." + (n - 1)
              + " or raise problem.agents");
        }
      }
      if (i == j) {
        throw new IllegalArgumentException(at + ": self loop " + i + "-" + j + "; remove it, the diagonal"
            + " w_ii = 1 - sum_j w_ij is computed from the other weights");
      }
      boolean hasWeight = tok.length == 3;
      if (formatLine == 0) {
        formatLine = lineNo;
        weighted = hasWeight;
      } else if (hasWeight != weighted) {
        throw new IllegalArgumentException(at + ": " + (hasWeight ? "has a weight but line " + formatLine
            + " does not" : "has no weight but line " + formatLine + " does")
            + "; give a weight on every edge line or on none");
      }
      double w = Double.NaN;
      if (hasWeight) {
        try {
          w = Double.parseDouble(tok[2]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(at + ": weight \"" + excerpt(tok[2]) + "\" is not a number;"
              + " write the weight as a decimal such as 0.25");
        }
        if (!(w > 0.0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException(at + ": weight " + w + " must be positive and finite;"
              + " remove the edge instead of giving it weight 0, or fix the weight");
        }
      }
      long key = (long) Math.min(i, j) * n + Math.max(i, j);
      Integer earlier = firstLine.putIfAbsent(key, lineNo);
      if (earlier != null) {
        throw new IllegalArgumentException(at + ": duplicate edge " + i + "-" + j + " (already on line "
            + earlier + "); edges are undirected, list each pair once");
      }
      edges.add(new WeightedEdge(i, j, w));
      pairs.add(new int[] {i, j});
    }
    return new EdgeList(Graph.of(n, pairs), edges, weighted);
  }

  private static int parseId(String token, String at) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(at + ": agent id \"" + excerpt(token) + "\" is not an integer;"
          + " expected 'i j' or 'i j w' with 0-based integer ids");
    }
  }

  private static void requireAgents(int n) {
    if (n < 1) throw new IllegalArgumentException("problem.agents = " + n + " must be at least 1");
  }

  private static String excerpt(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }
}
