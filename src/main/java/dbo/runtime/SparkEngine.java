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
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The Spark runner: each partition is one agent (docs/architecture.md, "The life of one iteration").
 *
 * <ul>
 *   <li>Shards are built on the executors by {@link SparkShards}, once, and cached in their partitions;
 *       they never move.</li>
 *   <li>State, shards and the sparse adjacency (sender -> receiver, weights) are co-partitioned: partition
 *       i of each holds agent i. Joining them is therefore a partition-wise zip, with no shuffle and none of
 *       a general join's hash maps; only the per-edge envelopes shuffle, one per directed edge per round,
 *       carrying every vector that round mixes, grouped by receiver with the same {@link AgentPartitioner}.
 *       The time per iteration is dominated by Spark's cost of one shuffle stage (see docs/performance.md,
 *       "Spark's overhead per iteration"), not by this arrangement.</li>
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
  private final JavaRDD<LocalProblem> shards;
  private final JavaPairRDD<Integer, Link> adjacency;
  private final Deque<JavaRDD<AgentState>> older = new ArrayDeque<>();
  private AgentAlgorithm<?> algorithm;
  private JavaRDD<AgentState> state;
  /** Files of the newest checkpointed state; older checkpoints are deleted once a newer one is written. */
  private String checkpointFiles;

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
    // Each shard is built in the partition where it stays (SparkShards: from agent ids, or from the rows the
    // executors read for a problem whose data Spark reads).
    this.shards = SparkShards.build(jsc, spec, partitioner)
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
  public void start(AgentAlgorithm<?> algorithm) {
    releaseAll();
    this.algorithm = algorithm;
    AgentAlgorithm<?> a = algorithm;
    double[] x0 = spec.initialX();
    double[] y0 = spec.initialY();
    JavaRDD<AgentState> initial = shards.mapPartitionsWithIndex((agent, it) -> {
      List<AgentState> out = new ArrayList<>();
      while (it.hasNext()) out.add(a.initialize(agent, it.next(), x0, y0));
      return out.iterator();
    }, true);
    state = initial.setName("state-0").persist(StorageLevel.MEMORY_AND_DISK());
    checkpointState();
  }

  @Override
  public void iterate(long k) {
    iterate(algorithm, k);
  }

  /** Iteration {@code k} of {@code a}, whose states the state RDD holds (as {@code S}). */
  private <S extends AgentState> void iterate(AgentAlgorithm<S> a, long k) {
    Class<S> type = a.stateType();
    JavaRDD<AgentState> current = state;
    for (int r = 0; r < a.rounds(); r++) {
      int round = r;
      int[] len = a.messageLengths(r, spec.dimX(), spec.dimY());
      // Narrow join of each agent's message with its outgoing links; then the one shuffle of the round.
      JavaRDD<Tuple2<Integer, Envelope>> sent = current.zipPartitions(adjacency, (states, links) -> {
        List<Tuple2<Integer, Envelope>> out = new ArrayList<>();
        if (!states.hasNext()) return out.iterator();
        S st = type.cast(states.next());
        Message m = a.message(st, round);
        while (links.hasNext()) {
          Tuple2<Integer, Link> l = links.next();
          out.add(new Tuple2<>(l._2.neighbour(), MixingPlan.envelope(st.agent(), l._2, m)));
        }
        return out.iterator();
      });
      JavaPairRDD<Integer, Iterable<Envelope>> inbox = JavaPairRDD.fromJavaRDD(sent).groupByKey(partitioner);
      JavaRDD<Tuple2<Iterable<Envelope>, LocalProblem>> withShard = inbox.zipPartitions(shards, (in, sh) -> {
        List<Tuple2<Iterable<Envelope>, LocalProblem>> out = new ArrayList<>();
        if (in.hasNext()) out.add(new Tuple2<>(in.next()._2, sh.next()));
        return out.iterator();
      });
      current = current.zipPartitions(withShard, (states, in) -> {
        List<AgentState> out = new ArrayList<>();
        if (!states.hasNext()) return out.iterator();
        S st = type.cast(states.next());
        Tuple2<Iterable<Envelope>, LocalProblem> t = in.next();
        out.add(a.update(st, round, MixingPlan.sum(toList(t._1), len[0], len[1]), t._2, k));
        return out.iterator();
      });
      if (r + 1 < a.rounds()) {
        current = current.persist(StorageLevel.MEMORY_AND_DISK());
        older.addLast(current);
      }
    }
    older.addLast(state);
    state = current.setName("state-" + k).persist(StorageLevel.MEMORY_AND_DISK());
    if (k % checkpointEvery == 0) {
      checkpointState();
      releaseOlder();
    }
  }

  /**
   * Checkpoints the current state and deletes the previous checkpoint's files. Spark keeps every
   * checkpoint on disk unless its context cleaner happens to collect the RDD (and only with
   * spark.cleaner.referenceTracking.cleanCheckpoints); a 20,000-iteration run would leave 2,000 of them.
   * Once the new checkpoint is written, no live RDD reads the old one: the new state's lineage starts at
   * its own checkpoint.
   *
   * @return the number of agents in the state
   */
  private long checkpointState() {
    state.checkpoint();
    long count = state.count();
    String previous = checkpointFiles;
    checkpointFiles = state.getCheckpointFile().isPresent() ? state.getCheckpointFile().get() : null;
    if (previous != null && !previous.equals(checkpointFiles)) deleteCheckpoint(previous);
    return count;
  }

  /** Deletes checkpoint files through Hadoop (local disk or a shared file system); best effort. */
  private void deleteCheckpoint(String files) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(files);
      p.getFileSystem(jsc.hadoopConfiguration()).delete(p, true);
    } catch (java.io.IOException e) {
      // A leftover checkpoint costs disk, not correctness; the job removes its checkpoint directory at the end.
    }
  }

  private static List<Envelope> toList(Iterable<Envelope> it) {
    List<Envelope> out = new ArrayList<>();
    for (Envelope e : it) out.add(e);
    return out;
  }

  @Override
  public List<AgentReport> reports() {
    List<AgentReport> out = new ArrayList<>(state.map(AgentReport::of).collect());
    releaseOlder();
    out.sort(Comparator.comparingInt(AgentReport::agent));
    return out;
  }

  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    Broadcast<double[][]> model = jsc.broadcast(new double[][] {x, y});
    // collect() returns partitions in order, and partition i is agent i: the sum runs in agent order.
    List<Evaluation> byAgent = shards.map(p -> p.evaluate(model.value()[0], model.value()[1])).collect();
    model.destroy();
    return Engine.sumInOrder(byAgent);
  }

  @Override
  public void saveStates(java.nio.file.Path dir) {
    // Written by the executors, one part file per agent; the driver never holds the states.
    state.saveAsObjectFile(dir.toUri().toString());
  }

  @Override
  public void restore(AgentAlgorithm<?> algorithm, java.nio.file.Path dir) {
    releaseAll();
    this.algorithm = algorithm;
    AgentAlgorithm<?> a = algorithm;
    JavaRDD<AgentState> loaded = jsc.<AgentState>objectFile(dir.toUri().toString())
        .mapToPair(s -> new Tuple2<>(s.agent(), (AgentState) a.restored(s)))
        .partitionBy(partitioner)
        .values();
    state = loaded.setName("state-restored").persist(StorageLevel.MEMORY_AND_DISK());
    long n = checkpointState();
    if (n != spec.agents()) {
      throw new IllegalStateException("saved states hold " + n + " agents, expected " + spec.agents());
    }
  }

  /** The current state RDD, for resource measurements (lineage, checkpoint files) by tests and jobs/soak. */
  public JavaRDD<AgentState> currentState() {
    return state;
  }

  /** The number of lines of the current state's lineage, for lineage tests. */
  public int lineageDepth() {
    return state.rdd().toDebugString().split("\n").length;
  }

  @Override
  public String describe() {
    return "spark(" + jsc.master() + ")";
  }

  private void releaseOlder() {
    while (!older.isEmpty()) older.removeFirst().unpersist(false);
  }

  private void releaseAll() {
    releaseOlder();
    if (state != null) state.unpersist(false);
    state = null;
    if (checkpointFiles != null) deleteCheckpoint(checkpointFiles);
    checkpointFiles = null;
  }

  @Override
  public void close() {
    releaseAll();
    shards.unpersist(false);
    adjacency.unpersist(false);
  }
}
