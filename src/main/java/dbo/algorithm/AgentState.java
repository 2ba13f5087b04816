package dbo.algorithm;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one agent carries from one iteration to the next: its named vectors (x, y, z, trackers,
 * snapshot directions, dual variables), its oracle counts and its refresh count. Random streams are
 * keyed by iteration ({@link dbo.random.RandomStreams}), so no stream position is stored.
 *
 * <p>Runners hand an algorithm a {@link #copy()} to update, never a state that a cached RDD still holds.
 */
public final class AgentState implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Name of the upper iterate x_i. */
  public static final String X = "x";
  /** Name of the lower iterate y_i. */
  public static final String Y = "y";
  /** Name of the auxiliary iterate z_i. */
  public static final String Z = "z";
  /** Name of the agent's current local hypergradient estimate, reported as a metric. */
  public static final String HYPERGRADIENT = "u";

  private final int agent;
  private long iteration;
  private final TreeMap<String, double[]> vectors;
  private final OracleCounts counts;
  private long refreshes;

  public AgentState(int agent) {
    this(agent, 0, new TreeMap<>(), new OracleCounts(), 0);
  }

  private AgentState(int agent, long iteration, TreeMap<String, double[]> vectors, OracleCounts counts,
      long refreshes) {
    this.agent = agent;
    this.iteration = iteration;
    this.vectors = vectors;
    this.counts = counts;
    this.refreshes = refreshes;
  }

  /** A fresh state at the common starting point (x0, y0, z = 0), copies of the given vectors. */
  public static AgentState startingAt(int agent, double[] x0, double[] y0, int dimY) {
    AgentState st = new AgentState(agent);
    st.put(X, x0.clone());
    st.put(Y, y0.clone());
    st.put(Z, new double[dimY]);
    return st;
  }

  /** A deep copy, safe to modify. */
  public AgentState copy() {
    TreeMap<String, double[]> v = new TreeMap<>();
    for (Map.Entry<String, double[]> e : vectors.entrySet()) v.put(e.getKey(), e.getValue().clone());
    return new AgentState(agent, iteration, v, counts.copy(), refreshes);
  }

  public int agent() {
    return agent;
  }

  /** Number of completed iterations. */
  public long iteration() {
    return iteration;
  }

  public void setIteration(long iteration) {
    this.iteration = iteration;
  }

  /** The named vector; throws if the algorithm never stored it. */
  public double[] get(String name) {
    double[] v = vectors.get(name);
    if (v == null) throw new IllegalStateException("agent " + agent + " has no vector '" + name + "'");
    return v;
  }

  public void put(String name, double[] value) {
    vectors.put(name, value);
  }

  /** The stored vectors by name, read-only view. */
  public Map<String, double[]> vectors() {
    return java.util.Collections.unmodifiableMap(vectors);
  }

  public OracleCounts counts() {
    return counts;
  }

  /** Number of snapshot refreshes so far (every iteration for methods without snapshots). */
  public long refreshes() {
    return refreshes;
  }

  public void addRefresh() {
    refreshes++;
  }
}
