package dbo.runtime;

import dbo.problem.LocalProblem;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.Dependency;
import org.apache.spark.NarrowDependency;
import org.apache.spark.OneToOneDependency;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * One mixing round as an RDD: partition i is agent i's slot after the round, computed from agent i's shard,
 * its own slot before the round and the slots of its in-neighbours. The neighbour exchange is this RDD's
 * dependency on the previous round: a narrow dependency whose partition i reads exactly the partitions of
 * i's in-neighbours (the sparse adjacency itself), served from the block managers where the previous
 * round's slots are cached, locally or from the executor that holds them. No shuffle files are written
 * and nothing passes through the driver; a lost slot is recomputed from this lineage like any RDD's.
 *
 * <p>The driver runs one job per round (see {@link SparkEngine}). On a cluster it waits for each, so a task only
 * ever reads slots that are already cached; on a local master the next round's job may start before the
 * previous one ends, and a task then waits on Spark's block lock for a slot being computed, or computes (and
 * caches) a slot whose task has not started. The first dependency (the shards, one to one) gives each task its
 * agent's location.
 */
final class MixingRound extends RDD<AgentSlot> {
  private static final long serialVersionUID = 1L;

  /** Partition i of the round depends on the previous round's partitions of i's in-neighbours. */
  private static final class InNeighbours extends NarrowDependency<AgentSlot> {
    private static final long serialVersionUID = 1L;
    /** Needed by the driver's scheduler only; tasks read the links from the broadcast plan. */
    private final transient int[][] sources;

    InNeighbours(RDD<AgentSlot> previous, int[][] sources) {
      super(previous);
      this.sources = sources;
    }

    @Override
    public scala.collection.immutable.Seq<Object> getParents(int partition) {
      List<Object> out = new ArrayList<>(sources[partition].length);
      for (int j : sources[partition]) out.add(j);
      return CollectionConverters.asScala(out).toSeq();
    }
  }

  /** A partition of a round: agent {@code index}. */
  private record AgentPartition(int index) implements Partition {}

  private final Broadcast<RoundPlan> plan;
  private final int round;
  private final long iteration;
  private final int agents;
  private RDD<AgentSlot> previous;
  private RDD<LocalProblem> shards;

  MixingRound(RDD<AgentSlot> previous, RDD<LocalProblem> shards, Broadcast<RoundPlan> plan, int[][] sources,
              int round, long iteration) {
    super(previous.context(), CollectionConverters.asScala(List.<Dependency<?>>of(
            new OneToOneDependency<>(shards), new InNeighbours(previous, sources))).toSeq(),
        ClassTag$.MODULE$.apply(AgentSlot.class));
    this.previous = previous;
    this.shards = shards;
    this.plan = plan;
    this.round = round;
    this.iteration = iteration;
    this.agents = sources.length;
    if (!(previous instanceof MixingRound) && !previous.isCheckpointed()) {
      throw new IllegalArgumentException("a round must follow a round or a checkpointed RDD");
    }
  }

  @Override
  public Partition[] getPartitions() {
    Partition[] out = new Partition[agents];
    for (int i = 0; i < agents; i++) out[i] = new AgentPartition(i);
    return out;
  }

  @Override
  public scala.collection.Iterator<AgentSlot> compute(Partition split, TaskContext context) {
    int agent = split.index();
    RoundPlan p = plan.value();
    LocalProblem shard = shards.iterator(p.shardPartition(agent), context).next();
    Link[] in = p.links(agent);
    List<AgentSlot> inbox = new ArrayList<>(in.length);
    AgentSlot own = null;
    for (Link l : in) {
      AgentSlot s = previousSlot(l.neighbour(), context);
      inbox.add(s);
      if (l.neighbour() == agent) own = s;
    }
    if (own == null) own = previousSlot(agent, context);
    AgentSlot next = p.update(own, inbox, shard, round, iteration);
    return CollectionConverters.asScala(List.of(next).iterator());
  }

  /**
   * Agent j's slot of the previous round: its cached block, or (if lost) recomputed from the previous
   * round's lineage or read from its checkpoint. Both need only the partition's index, because the
   * previous RDD is a round or checkpointed (checked on construction), so the task carries no array of the
   * previous round's partitions.
   */
  private AgentSlot previousSlot(int j, TaskContext context) {
    return previous.iterator(new AgentPartition(j), context).next();
  }

  @Override
  public void clearDependencies() {
    super.clearDependencies();
    previous = null;
    shards = null;
  }
}
