package dbo.runtime;

import dbo.problem.LocalProblem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The runtime's hook for problems whose data Spark reads: a {@link dbo.problem.ProblemSpec} that also
 * implements this interface has its shards built by {@link #shards} instead of
 * {@code parallelize(agent ids).partitionBy(AgentPartitioner).map(spec::build)}, so that each executor
 * reads its agents' rows of a table and the driver never holds the features. The shards must equal
 * {@code spec.build(i)} bit for bit (the in-process runner builds them that way).
 */
public interface SparkShardSource {
  /**
   * Every agent's shard, one per partition: partition i holds agent i's shard and nothing else.
   *
   * @param partitioner the engine's {@link AgentPartitioner} over {@code spec.agents()} partitions
   */
  JavaRDD<LocalProblem> shards(JavaSparkContext jsc, AgentPartitioner partitioner);

  /**
   * The problem's smoothness estimate L computed on the executors from the shards where they live, equal to
   * {@code spec.smoothness()} (which builds every shard in the calling JVM).
   */
  double smoothness(JavaSparkContext jsc);
}
