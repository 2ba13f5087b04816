package dbo.problem;

import dbo.data.TableSource;

/**
 * A {@link ProblemSpec} whose features are read only where its shards are built, never by the process
 * that plans the run: that process reads labels at most. This is a plain-Java description of where the
 * rows come from and how a shard is made of them; a distributed runner follows it (the Spark runner reads
 * the rows on its executors and computes the smoothness terms there), while the in-process runner simply
 * calls {@link #build} and {@link #smoothness()}. Either way the shards equal {@code build(i)} bit for bit
 * and the estimate equals {@link #smoothness()}.
 *
 * <p>The estimate is L = {@link #smoothnessFrom}(t_0, ..., t_{n-1}) for one term t_i per agent computed
 * where agent i's data is; the combination is a maximum plus a constant, so it is exact in any order.
 */
public sealed interface RemoteData extends ProblemSpec {
  /** L from every agent's smoothness term, {@code terms[i]} being agent i's. */
  double smoothnessFrom(double[] terms);

  /**
   * {@link #build}(i) itself reads agent i's data where it runs (e.g. a data directory, read once per JVM),
   * so the shard of agent i is built by calling it in the place where the shard stays.
   */
  non-sealed interface PerAgent extends RemoteData {
    /** Agent i's smoothness term, computed from agent i's data where it runs. */
    double smoothnessTerm(int agent);
  }

  /**
   * The shards are assembled from the rows of a table that the runner reads where the shards live: the
   * rows travel to their agent ({@link TableShards#agentOfRow()}) and {@link TableShards#assemble} turns an
   * agent's rows into its shard.
   */
  non-sealed interface Table extends RemoteData {
    /** The table the rows come from. */
    TableSource table();

    /** How rows become shards; small enough to ship to every executor (labels and row owners). */
    TableShards tableShards();
  }
}
