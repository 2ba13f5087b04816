package dbo.runtime;

import org.apache.spark.Partitioner;

/** Agent i lives in partition i: one partition per agent, so state, shard and adjacency co-locate. */
public final class AgentPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int agents;

  public AgentPartitioner(int agents) {
    this.agents = agents;
  }

  @Override
  public int numPartitions() {
    return agents;
  }

  @Override
  public int getPartition(Object key) {
    return (Integer) key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentPartitioner p && p.agents == agents;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(agents) * 31 + 7;
  }
}
