package dbo.runtime;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/** Agent i lives in partition i: one partition per agent, so an agent's shard and state co-locate. */
public final class AgentPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int agents;

  public AgentPartitioner(int agents) {
    this.agents = agents;
  }

  /**
   * The pairs (i, i) for every agent i, pair i alone in partition i: what per-agent data (a shard, a saved
   * state) is built from, in the partition where it stays.
   */
  public JavaPairRDD<Integer, Integer> agentIds(JavaSparkContext jsc) {
    List<Integer> ids = IntStream.range(0, agents).boxed().toList();
    return jsc.parallelize(ids, agents).mapToPair(i -> new Tuple2<>(i, i)).partitionBy(this);
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
