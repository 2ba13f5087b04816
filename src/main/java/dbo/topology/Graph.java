package dbo.topology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable undirected simple graph on agents 0..n-1: no self loops, no parallel edges, adjacency
 * lists sorted ascending. {@link #of} merges an edge given twice (in either direction) into one, so
 * builders such as a torus with a side of 2 need not deduplicate; it refuses self loops and ids outside
 * [0, n). Connectivity is not required here; {@link MixingMatrix} enforces it.
 */
public final class Graph implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int n;
  private final int[][] adjacency;
  private final int edgeCount;

  private Graph(int n, int[][] adjacency) {
    this.n = n;
    this.adjacency = adjacency;
    int twice = 0;
    for (int[] a : adjacency) twice += a.length;
    this.edgeCount = twice / 2;
  }

  /**
   * The graph on n agents with the given edges, each an {@code int[]{i, j}}; duplicates merge.
   *
   * @throws IllegalArgumentException if n < 1, an edge is a self loop, or an id is outside [0, n)
   */
  public static Graph of(int n, Iterable<int[]> edges) {
    if (n < 1) throw new IllegalArgumentException("topology: a graph needs at least one agent, got n = " + n);
    int[] count = new int[n];
    List<int[]> checked = new ArrayList<>();
    for (int[] e : edges) {
      if (e.length != 2) {
        throw new IllegalArgumentException("topology: an edge has two endpoints, got " + Arrays.toString(e));
      }
      int i = e[0];
      int j = e[1];
      if (i < 0 || i >= n || j < 0 || j >= n) {
        throw new IllegalArgumentException("topology: edge " + i + "-" + j + " has an agent id outside [0, "
            + n + ")");
      }
      if (i == j) {
        throw new IllegalArgumentException("topology: edge " + i + "-" + j + " is a self loop; the diagonal"
            + " of W comes from the mixing weights, not from the graph");
      }
      count[i]++;
      count[j]++;
      checked.add(new int[] {i, j});
    }
    int[][] raw = new int[n][];
    for (int i = 0; i < n; i++) raw[i] = new int[count[i]];
    int[] fill = new int[n];
    for (int[] e : checked) {
      raw[e[0]][fill[e[0]]++] = e[1];
      raw[e[1]][fill[e[1]]++] = e[0];
    }
    int[][] adjacency = new int[n][];
    for (int i = 0; i < n; i++) {
      int[] a = raw[i];
      Arrays.sort(a);
      int unique = 0;
      for (int k = 0; k < a.length; k++) if (k == 0 || a[k] != a[k - 1]) a[unique++] = a[k];
      adjacency[i] = Arrays.copyOf(a, unique);
    }
    return new Graph(n, adjacency);
  }

  /** Number of agents n. */
  public int size() {
    return n;
  }

  /** Number of undirected edges. */
  public int edgeCount() {
    return edgeCount;
  }

  /** Number of neighbours of agent i. */
  public int degree(int i) {
    return adjacency[i].length;
  }

  /** Largest degree over all agents (0 for a single agent). */
  public int maxDegree() {
    int max = 0;
    for (int[] a : adjacency) max = Math.max(max, a.length);
    return max;
  }

  /** Neighbours of agent i, ascending, excluding i itself. */
  public int[] neighbours(int i) {
    return adjacency[i].clone();
  }

  public boolean hasEdge(int i, int j) {
    return Arrays.binarySearch(adjacency[i], j) >= 0;
  }

  /** Every edge once as {@code {i, j}} with i < j, in lexicographic order. */
  public List<int[]> edges() {
    List<int[]> out = new ArrayList<>(edgeCount);
    for (int i = 0; i < n; i++) {
      for (int j : adjacency[i]) if (i < j) out.add(new int[] {i, j});
    }
    return out;
  }

  /** Number of connected components (1 for a connected graph). */
  public int componentCount() {
    int[] label = componentLabels();
    int max = -1;
    for (int l : label) max = Math.max(max, l);
    return max + 1;
  }

  public boolean isConnected() {
    return componentCount() == 1;
  }

  /** The smallest agent that cannot be reached from agent 0, or -1 when the graph is connected. */
  public int firstUnreachable() {
    int[] label = componentLabels();
    for (int i = 0; i < n; i++) if (label[i] != 0) return i;
    return -1;
  }

  /** Component index per agent; components are numbered by their smallest agent, so agent 0 is in 0. */
  private int[] componentLabels() {
    int[] label = new int[n];
    Arrays.fill(label, -1);
    int[] stack = new int[n];
    int next = 0;
    for (int start = 0; start < n; start++) {
      if (label[start] >= 0) continue;
      int top = 0;
      stack[top++] = start;
      label[start] = next;
      while (top > 0) {
        int i = stack[--top];
        for (int j : adjacency[i]) {
          if (label[j] < 0) {
            label[j] = next;
            stack[top++] = j;
          }
        }
      }
      next++;
    }
    return label;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Graph g && g.n == n && Arrays.deepEquals(g.adjacency, adjacency);
  }

  @Override
  public int hashCode() {
    return 31 * n + Arrays.deepHashCode(adjacency);
  }

  @Override
  public String toString() {
    return "Graph{n=" + n + ", edges=" + edgeCount + ", maxDegree=" + maxDegree() + "}";
  }
}
