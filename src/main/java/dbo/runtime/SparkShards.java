package dbo.runtime;

import dbo.data.HadoopConf;
import dbo.data.TableSource;
import dbo.problem.LocalProblem;
import dbo.problem.ProblemSpec;
import dbo.problem.RemoteData;
import dbo.problem.TableShards;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * How Spark reads a problem's data: every agent's shard is built on the executor that keeps it, and the
 * smoothness estimate is computed there, so the driver never reads features. A {@link RemoteData.Table}
 * problem's table is read on the executors ({@link TableSource#rowsByAgent}), its rows keyed by agent and
 * partitioned with the {@link AgentPartitioner}, and each partition's rows assembled into its agent's shard;
 * only the problem's {@link TableShards} (labels and row owners) leaves the driver, as a broadcast. Any other
 * spec (including a {@link RemoteData.PerAgent} one) is built by {@code spec.build(i)} in partition i.
 * Either way the shards equal {@code spec.build(i)} bit for bit (the in-process runner builds them that way)
 * and {@link #smoothness} equals {@code spec.smoothness()}.
 */
public final class SparkShards {
  private SparkShards() {}

  /** Every agent's shard, one per partition: partition i holds agent i's shard and nothing else. */
  public static JavaRDD<LocalProblem> build(JavaSparkContext jsc, ProblemSpec spec, AgentPartitioner partitioner) {
    return build(jsc, spec, partitioner, jsc.broadcast(new HadoopConf(jsc.hadoopConfiguration())));
  }

  /**
   * As {@link #build(JavaSparkContext, ProblemSpec, AgentPartitioner)}, with the driver's Hadoop configuration
   * already broadcast: a task installs it ({@link HadoopConf#install}) before {@code spec.build(i)} opens a
   * data directory, so an executor reads {@code hdfs://} (or any Hadoop URI) with the driver's settings.
   */
  public static JavaRDD<LocalProblem> build(JavaSparkContext jsc, ProblemSpec spec, AgentPartitioner partitioner,
                                            Broadcast<HadoopConf> hadoopConf) {
    if (spec instanceof RemoteData.Table table) {
      return fromTable(jsc, table, jsc.broadcast(table.tableShards()), partitioner);
    }
    return partitioner.agentIds(jsc).map(t -> {
      hadoopConf.value().install();
      return spec.build(t._1);
    });
  }

  /**
   * The problem's smoothness estimate with each agent's term computed by a Spark task where that agent's
   * data is read; only n doubles reach the driver. Equal to {@code spec.smoothness()}.
   */
  public static double smoothness(JavaSparkContext jsc, RemoteData spec) {
    int n = spec.agents();
    List<Double> terms;
    if (spec instanceof RemoteData.Table table) {
      Broadcast<TableShards> shared = jsc.broadcast(table.tableShards());
      terms = fromTable(jsc, table, shared, new AgentPartitioner(n)).map(s -> shared.value().smoothnessTerm(s))
          .collect();
    } else {
      RemoteData.PerAgent perAgent = (RemoteData.PerAgent) spec;
      Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(jsc.hadoopConfiguration()));
      terms = jsc.parallelize(IntStream.range(0, n).boxed().toList(), n).map(i -> {
        conf.value().install();
        return perAgent.smoothnessTerm(i);
      }).collect();
      conf.destroy();
    }
    double[] t = new double[terms.size()];
    for (int i = 0; i < t.length; i++) t[i] = terms.get(i);
    return spec.smoothnessFrom(t);
  }

  /** The shards assembled on the executors from the rows they read; {@code shared} is the spec's recipe. */
  private static JavaRDD<LocalProblem> fromTable(JavaSparkContext jsc, RemoteData.Table spec,
                                                 Broadcast<TableShards> shared, AgentPartitioner partitioner) {
    TableShards recipe = shared.value();
    return spec.table().rowsByAgent(jsc, recipe.labels(), recipe.agentOfRow(), partitioner).values()
        .mapPartitionsWithIndex((agent, it) -> {
          List<TableSource.Row> rows = new ArrayList<>();
          it.forEachRemaining(rows::add);
          List<LocalProblem> out = new ArrayList<>(1);
          out.add(shared.value().assemble(agent, rows));
          return out.iterator();
        }, true);
  }
}
