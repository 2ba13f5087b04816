package dbo.runtime;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.AgentState;
import dbo.algorithm.Message;
import dbo.problem.Evaluation;
import dbo.problem.LocalProblem;
import dbo.problem.ProblemSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The Spark runner: each partition is one agent (ARCHITECTURE.md, "one iteration as data").
 *
 * <ul>
 *   <li>Shards are built on the executors, once, and cached in their partitions; they never move.</li>
 *   <li>State, shards and the sparse adjacency (sender -> receiver, weights) share one
 *       {@link AgentPartitioner}, so joining them is narrow; only the per-edge envelopes shuffle, one per
 *       directed edge per round, carrying every vector that round mixes.</li>
 *   <li>Each new state RDD is persisted; every {@code checkpointEvery} iterations it is checkpointed so the
 *       lineage stays short, and older states are released once a newer one is materialized.</li>
 *   <li>Only per-agent reports and evaluations reach the driver.</li>
 * </ul>
 */
public final class SparkEngine implements Engine {
  private final JavaSparkContext jsc;
  private final ProblemSpec spec;
  private final int checkpointEvery;
  private final AgentPartitioner partitioner;
  private final JavaPairRDD<Integer, LocalProblem> shards;
  private final JavaPairRDD<Integer, Link> adjacency;
  private final Deque<JavaPairRDD<Integer, AgentState>> older = new ArrayDeque<>();
  private AgentAlgorithm algorithm;
  private JavaPairRDD<Integer, AgentState> state;

  /**
   * Builds and caches every shard. The context must have a checkpoint directory.
   *
   * @param checkpointEvery checkpoint the state every this many iterations (>= 1)
   */
  public SparkEngine(JavaSparkContext jsc, ProblemSpec spec, MixingPlan plan, int checkpointEvery) {
    if (spec.agents() != plan.agents()) {
      throw new IllegalArgumentException("problem has " + spec.agents() + " agents but the graph has "
          + plan.agents());
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("run.checkpoint-every = " + checkpointEvery + "; allowed: >= 1");
    }
    if (!jsc.getCheckpointDir().isPresent()) {
      throw new IllegalStateException("the Spark context needs a checkpoint directory");
    }
    this.jsc = jsc;
    this.spec = spec;
    this.checkpointEvery = checkpointEvery;
    int n = spec.agents();
    this.partitioner = new AgentPartitioner(n);
    List<Integer> ids = IntStream.range(0, n).boxed().toList();
    ProblemSpec s = spec;
    this.shards = jsc.parallelize(ids, n)
        .mapToPair(i -> new Tuple2<>(i, i))
        .partitionBy(partitioner)
        .mapValues(s::build)
        .setName("shards")
        .persist(StorageLevel.MEMORY_AND_DISK());
    this.adjacency = jsc.parallelizePairs(plan.adjacencyBySender(), n)
        .partitionBy(partitioner)
        .setName("adjacency")
        .persist(StorageLevel.MEMORY_AND_DISK());
    shards.count();
    adjacency.count();
  }

  @Override
  public void start(AgentAlgorithm algorithm) {
    releaseAll();
    this.algorithm = algorithm;
    AgentAlgorithm a = algorithm;
    double[] x0 = spec.initialX();
    double[] y0 = spec.initialY();
    JavaPairRDD<Integer, AgentState> initial = shards.mapPartitionsToPair(it -> {
      List<Tuple2<Integer, AgentState>> out = new ArrayList<>();
      while (it.hasNext()) {
        Tuple2<Integer, LocalProblem> t = it.next();
        out.add(new Tuple2<>(t._1, a.initialize(t._1, t._2, x0, y0)));
      }
      return out.iterator();
    }, true);
    state = initial.setName("state-0").persist(StorageLevel.MEMORY_AND_DISK());
    state.checkpoint();
    state.count();
  }

  @Override
  public void iterate(long k) {
    AgentAlgorithm a = algorithm;
    JavaPairRDD<Integer, AgentState> current = state;
    for (int r = 0; r < a.rounds(); r++) {
      int round = r;
      int[] len = a.messageLengths(r, spec.dimX(), spec.dimY());
      JavaPairRDD<Integer, Iterable<Envelope>> inbox = current
          .mapValues(st -> a.message(st, round))
          .join(adjacency)
          .mapToPair(SparkEngine::address)
          .groupByKey(partitioner);
      current = current.join(inbox).join(shards).mapValues(t -> {
        AgentState next = t._1._1.copy();
        Message mixed = MixingPlan.sum(toList(t._1._2), len[0], len[1]);
        a.update(next, round, mixed, t._2, k);
        return next;
      });
    }
    older.addLast(state);
    state = current.setName("state-" + k).persist(StorageLevel.MEMORY_AND_DISK());
    if (k % checkpointEvery == 0) {
      state.checkpoint();
      state.count();
      releaseOlder();
    }
  }

  private static Tuple2<Integer, Envelope> address(Tuple2<Integer, Tuple2<Message, Link>> t) {
    Link link = t._2._2;
    return new Tuple2<>(link.neighbour(), MixingPlan.envelope(t._1, link, t._2._1));
  }

  private static List<Envelope> toList(Iterable<Envelope> it) {
    List<Envelope> out = new ArrayList<>();
    for (Envelope e : it) out.add(e);
    return out;
  }

  @Override
  public List<AgentReport> reports() {
    List<AgentReport> out = new ArrayList<>(state.values().map(AgentReport::of).collect());
    releaseOlder();
    out.sort(Comparator.comparingInt(AgentReport::agent));
    return out;
  }

  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    Broadcast<double[][]> model = jsc.broadcast(new double[][] {x, y});
    List<Tuple2<Integer, Evaluation>> parts = new ArrayList<>(shards
        .mapToPair(t -> new Tuple2<>(t._1, t._2.evaluate(model.value()[0], model.value()[1])))
        .collect());
    model.destroy();
    parts.sort(Comparator.comparingInt(t -> t._1));
    List<Evaluation> byAgent = new ArrayList<>();
    for (Tuple2<Integer, Evaluation> t : parts) byAgent.add(t._2);
    return Engine.sumInOrder(byAgent);
  }

  /** The number of RDDs between the current state and its last checkpoint, for lineage tests. */
  public int lineageDepth() {
    return state.rdd().toDebugString().split("\n").length;
  }

  @Override
  public String describe() {
    return "spark(" + jsc.master() + ")";
  }

  private void releaseOlder() {
    while (!older.isEmpty()) {
      JavaPairRDD<Integer, AgentState> old = older.removeFirst();
      old.unpersist(false);
    }
  }

  private void releaseAll() {
    releaseOlder();
    if (state != null) state.unpersist(false);
    state = null;
  }

  @Override
  public void close() {
    releaseAll();
    shards.unpersist(false);
    adjacency.unpersist(false);
  }

  /** Visible for tests: the iterator-free view of the states, sorted by agent. */
  List<AgentState> collectStates() {
    List<AgentState> out = new ArrayList<>(state.values().collect());
    out.sort(Comparator.comparingInt(AgentState::agent));
    return out;
  }

}
