package dbo.runtime;

import dbo.data.HadoopConf;
import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.AgentState;
import dbo.problem.Evaluation;
import dbo.problem.LocalProblem;
import dbo.problem.ProblemSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark runner: each partition is one agent (docs/architecture.md, "The life of one iteration").
 *
 * <ul>
 *   <li>Shards are built on the executors by {@link SparkShards}, once, and cached in their partitions;
 *       they never move.</li>
 *   <li>Each mixing round is one RDD, a {@link MixingRound}: partition i holds agent i's state and the
 *       message it sends next ({@link AgentSlot}), computed from its shard, its own slot and its
 *       in-neighbours' slots of the previous round. The exchange is that RDD's narrow dependency on the
 *       previous round along the graph's in-links, read from the block managers that cache the previous
 *       round; there is no shuffle. Each round is materialized by one job of one stage (one task per
 *       agent). On a cluster the driver waits for a round's job before it submits the next, so a task never
 *       computes another agent's round; on a local master the next round's job is submitted while the
 *       previous one runs ({@link #pipelined}).</li>
 *   <li>Every round's RDD is persisted; every {@code checkpointEvery} iterations the newest is checkpointed
 *       so the lineage stays short, and the rounds before it are released (on a local master, as soon as no
 *       job in flight reads them).</li>
 *   <li>At a logged iteration the agents are reduced to a {@link Summary} by one task on an executor, in
 *       agent order: O(dim) numbers reach the driver, not one report per agent.</li>
 * </ul>
 * See docs/performance.md ("Spark's overhead per iteration") for what this costs and what it replaced.
 */
public final class SparkEngine implements Engine {
  private final JavaSparkContext jsc;
  private final ProblemSpec spec;
  private final int checkpointEvery;
  private final AgentPartitioner partitioner;
  private final JavaRDD<LocalProblem> shards;
  private final MixingPlan plan;
  /** sources[i]: the agents whose previous slots agent i reads in a round (its in-links and itself). */
  private final int[][] sources;
  private final Deque<JavaRDD<AgentSlot>> older = new ArrayDeque<>();
  /** Round jobs submitted and not yet awaited, oldest first (pipelining only). */
  private final Deque<org.apache.spark.api.java.JavaFutureAction<Long>> inFlight = new ArrayDeque<>();
  /** Round jobs in flight at most: one running and the next one queued behind it. */
  static final int PIPELINE_DEPTH = 2;
  /** The Spark property that turns pipelining off ({@code false}); it is on by default on local masters. */
  public static final String PIPELINE_KEY = "spark.dbo.pipeline";
  /**
   * Whether a round's job is submitted before the previous round's job has finished, so that the driver's
   * work for the next job (building and serializing its tasks) and the executors' last tasks of a round
   * overlap. Only where every task runs in one block manager (a local master): there a task that needs a slot
   * still being computed waits for it on Spark's block lock, or computes it once for both jobs if its task
   * has not started, so each slot is still computed once; across executors it would be computed a second
   * time (the same bits, twice the work). {@link #PIPELINE_KEY} {@code = false} turns it off.
   */
  private final boolean pipelined;
  private AgentAlgorithm<?> algorithm;
  private Broadcast<RoundPlan> roundPlan;
  /** The driver's Hadoop configuration, on every executor once, for saving and restoring states. */
  private final Broadcast<HadoopConf> hadoopConf;
  private JavaRDD<AgentSlot> state;
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
    this.pipelined = jsc.isLocal() && jsc.getConf().getBoolean(PIPELINE_KEY, true);
    int n = spec.agents();
    this.partitioner = new AgentPartitioner(n);
    // Each shard is built in the partition where it stays (SparkShards: from agent ids, or from the rows the
    // executors read for a problem whose data Spark reads).
    this.hadoopConf = jsc.broadcast(new HadoopConf(jsc.hadoopConfiguration()));
    this.shards = SparkShards.build(jsc, spec, partitioner, hadoopConf)
        .setName("shards")
        .persist(StorageLevel.MEMORY_AND_DISK());
    this.plan = plan;
    this.sources = new int[n][];
    for (int i = 0; i < n; i++) {
      java.util.TreeSet<Integer> from = new java.util.TreeSet<>();
      from.add(i);
      for (Link l : plan.links(i)) from.add(l.neighbour());
      sources[i] = from.stream().mapToInt(Integer::intValue).toArray();
    }
    shards.count();
  }

  @Override
  public void start(AgentAlgorithm<?> algorithm) {
    releaseAll();
    begin(algorithm);
    Broadcast<RoundPlan> p = roundPlan;
    double[] x0 = spec.initialX();
    double[] y0 = spec.initialY();
    JavaRDD<AgentSlot> initial = shards.mapPartitionsWithIndex((agent, it) -> {
      List<AgentSlot> out = new ArrayList<>();
      while (it.hasNext()) out.add(p.value().initial(agent, it.next(), x0, y0));
      return out.iterator();
    }, true);
    state = initial.setName("state-0").persist(StorageLevel.MEMORY_AND_DISK());
    checkpointState();
  }

  private void begin(AgentAlgorithm<?> algorithm) {
    this.algorithm = algorithm;
    this.roundPlan = jsc.broadcast(new RoundPlan(algorithm, plan, spec.dimX(), spec.dimY(), shards.rdd().partitions()));
  }

  /**
   * Iteration {@code k}: one job per mixing round, each materializing the round's slots. With pipelining on,
   * a round's job is submitted without waiting for the previous round's job (at most {@link #PIPELINE_DEPTH}
   * in flight); see {@link #pipelined}.
   */
  @Override
  public void iterate(long k) {
    int rounds = algorithm.rounds();
    for (int r = 0; r < rounds; r++) {
      JavaRDD<AgentSlot> next = new MixingRound(state.rdd(), shards.rdd(), roundPlan, sources, r, k)
          .toJavaRDD().setName("state-" + k + (rounds > 1 ? "." + r : ""))
          .persist(StorageLevel.MEMORY_AND_DISK());
      older.addLast(state);
      state = next;
      if (r + 1 == rounds && k % checkpointEvery == 0) {
        // A checkpoint runs its own job after the round's (Spark does it only for a synchronous action), and
        // the older rounds may be released only when no running job reads them.
        drain();
        checkpointState();
        releaseOlder();
      } else if (pipelined) {
        inFlight.addLast(state.countAsync());
        while (inFlight.size() >= PIPELINE_DEPTH) awaitOldest();
        // The round before the previous one is read by no job in flight any more (the previous round's job
        // has finished), and a cached slot is never lost in a local master's single JVM: release it now
        // rather than at the next checkpoint, so the heap holds two rounds, not checkpoint-every of them.
        while (older.size() > 1) older.removeFirst().unpersist(false);
      } else {
        state.count();
      }
    }
  }

  /** Waits for every round job in flight; rethrows the first failure. */
  private void drain() {
    while (!inFlight.isEmpty()) awaitOldest();
  }

  private void awaitOldest() {
    org.apache.spark.api.java.JavaFutureAction<Long> job = inFlight.removeFirst();
    try {
      job.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelInFlight();
      throw new IllegalStateException("interrupted while waiting for a mixing round", e);
    } catch (java.util.concurrent.ExecutionException e) {
      cancelInFlight();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }

  private void cancelInFlight() {
    while (!inFlight.isEmpty()) inFlight.removeFirst().cancel(true);
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

  @Override
  public List<AgentReport> reports() {
    drain();
    List<AgentReport> out = new ArrayList<>(state.map(s -> AgentReport.of(s.state())).collect());
    out.sort(Comparator.comparingInt(AgentReport::agent));
    return out;
  }

  /**
   * One task reads every agent's cached slot (coalescing the agents into one partition moves no data
   * until it runs) and reduces them in agent order on its executor.
   */
  @Override
  public Summary summary(double[] solution) {
    drain();
    int dimX = spec.dimX();
    int dimY = spec.dimY();
    return state.map(s -> AgentReport.of(s.state())).coalesce(1).mapPartitions(it -> {
      List<AgentReport> all = new ArrayList<>();
      it.forEachRemaining(all::add);
      all.sort(Comparator.comparingInt(AgentReport::agent));
      return List.of(Summary.of(all, solution, dimX, dimY)).iterator();
    }).collect().get(0);
  }

  @Override
  public Evaluation evaluate(double[] x, double[] y) {
    drain();
    Broadcast<double[][]> model = jsc.broadcast(new double[][] {x, y});
    // collect() returns partitions in order, and partition i is agent i: the sum runs in agent order.
    List<Evaluation> byAgent = shards.map(p -> p.evaluate(model.value()[0], model.value()[1])).collect();
    model.destroy();
    return Engine.sumInOrder(byAgent);
  }

  @Override
  public void saveStates(String dir) {
    drain();
    // Written by the executors, one file per agent (Java serialization of its state, through Hadoop's file
    // system API); the driver never holds the states. Not saveAsObjectFile: its output committer and the
    // job configuration each of its tasks parses cost about a second per save at 16 agents (issue 11).
    // A retried task overwrites its file; the caller marks the save complete only after this returns.
    String target = dbo.data.Storage.uri(dir);
    Broadcast<HadoopConf> conf = hadoopConf;
    state.foreachPartition(it -> {
      while (it.hasNext()) {
        AgentState s = it.next().state();
        org.apache.hadoop.fs.Path file = stateFile(target, s.agent());
        org.apache.hadoop.fs.FileSystem fs = file.getFileSystem(conf.value().get());
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(
            new java.io.BufferedOutputStream(fs.create(file, true)))) {
          out.writeObject(s);
        }
      }
    });
  }

  /** Agent i's file in a directory of saved states. */
  private static org.apache.hadoop.fs.Path stateFile(String dir, int agent) {
    return new org.apache.hadoop.fs.Path(dir, String.format("agent-%06d.bin", agent));
  }


  @Override
  public void restore(AgentAlgorithm<?> algorithm, String dir) {
    releaseAll();
    begin(algorithm);
    Broadcast<RoundPlan> p = roundPlan;
    String source = dbo.data.Storage.uri(dir);
    Broadcast<HadoopConf> conf = hadoopConf;
    JavaRDD<AgentSlot> loaded = partitioner.agentIds(jsc).map(t -> {
      org.apache.hadoop.fs.Path file = stateFile(source, t._1);
      org.apache.hadoop.fs.FileSystem fs = file.getFileSystem(conf.value().get());
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
          new java.io.BufferedInputStream(fs.open(file)))) {
        AgentState s = (AgentState) in.readObject();
        if (s.agent() != t._1) {
          throw new IllegalStateException(file + " holds agent " + s.agent() + ", not agent " + t._1);
        }
        return p.value().restored(s);
      }
    });
    state = loaded.setName("state-restored").persist(StorageLevel.MEMORY_AND_DISK());
    long n = checkpointState();
    if (n != spec.agents()) {
      throw new IllegalStateException("saved states hold " + n + " agents, expected " + spec.agents());
    }
  }

  /** The current slots' RDD, for resource measurements (lineage, checkpoint files) by tests and jobs/soak. */
  public JavaRDD<?> currentState() {
    drain();
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
    cancelInFlight();
    releaseOlder();
    if (state != null) state.unpersist(false);
    state = null;
    if (checkpointFiles != null) deleteCheckpoint(checkpointFiles);
    checkpointFiles = null;
    if (roundPlan != null) roundPlan.destroy();
    roundPlan = null;
  }

  @Override
  public void close() {
    releaseAll();
    hadoopConf.destroy();
    shards.unpersist(false);
  }
}
