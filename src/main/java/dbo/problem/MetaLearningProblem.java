package dbo.problem;

import dbo.data.ClassTables;
import dbo.random.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decentralized few-shot meta-learning as a bilevel problem (hyper-representation; ALGORITHMS.md section
 * "Meta-learning"): x is a feature map shared by all tasks, one hidden layer of h tanh units on the inputs
 * (U, a (d + 1) x h matrix with the bias row, column-major), and y holds one linear N-way head per training
 * task of every agent, slot by slot (agent i's T tasks in slots iT .. iT + T - 1; a head is (h + 1) x N).
 * Agent i's objectives ({@link MetaLearningShard}):
 *
 * <pre>
 *   g_i(U, y) = (1/T) sum_{t of i} CE_t^support(U, y_t) + (lambda/2) ||y||^2
 *   f_i(U, y) = (1/T) sum_{t of i} CE_t^query(U, y_t)
 * </pre>
 * The mean lower level is lambda-strongly convex in all of y and separates by task: task t's head solves
 * argmin_v CE_t^support(U, v) + (rho/2) ||v||^2 with rho = n T lambda, the problem {@link HeadFit} solves
 * for a new task at meta-test time.
 *
 * <p>Tasks: the pooled classes of {@code data} are split by a seeded permutation into {@code testClasses}
 * meta-test classes and the rest (meta-training). Agent i draws its T tasks, N-way K-shot with Q queries per
 * class, from the stream (seed, i) and from its class pool: all training classes, or, with
 * {@code classesPerAgent} = P > 0, the P consecutive training classes starting at floor(i C / n) (cyclically;
 * C training classes), so agents see different classes (heterogeneity). Test task j (j < {@code testTasks})
 * is drawn from the meta-test classes with its own stream (seed, j); agent i evaluates the tasks j = i mod n
 * in {@link MetaLearningShard#evaluate}, so the run's test accuracy is the meta-test accuracy of the mean
 * feature map. {@link #metaTest} computes the same tasks in one place with a 95% interval.
 *
 * <p>Building agent i reads only its rows (features where it runs: a Spark executor,
 * {@link RemoteData.PerAgent}); the driver reads labels only ({@link #check}).
 *
 * @param agents n >= 1
 * @param data the labelled rows (tables or generated classes)
 * @param ways N >= 2
 * @param shots K >= 1
 * @param queries Q >= 1
 * @param tasks T >= 1 training tasks per agent
 * @param testClasses classes held out for the meta-test, >= N, leaving >= N for training
 * @param classesPerAgent P: 0 = every agent draws from all training classes; else N <= P <= C
 * @param hidden h >= 1
 * @param lambda > 0, the ridge weight on y in g_i
 * @param initScale > 0: the initial U has i.i.d. N(0, initScale^2 / (d + 1)) entries, from (seed, SHARED)
 * @param testTasks >= 0 meta-test tasks (0: no test accuracy)
 * @param seed master seed
 */
public record MetaLearningProblem(int agents, ClassTables data, int ways, int shots, int queries, int tasks,
    int testClasses, int classesPerAgent, int hidden, double lambda, double initScale, int testTasks, long seed)
    implements RemoteData.PerAgent, TaskAdaptation.Source {
  private static final long CLASS_SPLIT = 101;
  private static final long TRAIN_TASKS = 102;
  private static final long TEST_TASKS = 103;
  private static final long INITIAL_X = 104;
  private static final String KEY = "problem.meta-learning.";

  public MetaLearningProblem {
    if (agents < 1) {
      throw new IllegalArgumentException("problem.agents = " + agents + " is out of range; allowed: an integer >= 1");
    }
    if (data == null) throw new IllegalArgumentException(KEY + "data is missing");
    positive("ways", ways, 2);
    positive("shots", shots, 1);
    positive("queries", queries, 1);
    positive("tasks", tasks, 1);
    positive("hidden", hidden, 1);
    positive("test-tasks", testTasks, 0);
    if (testClasses < ways) {
      throw new IllegalArgumentException(KEY + "test-classes = " + testClasses + " is too few for " + ways
          + "-way meta-test tasks; allowed: an integer >= ways (" + ways + ")");
    }
    if (classesPerAgent != 0 && classesPerAgent < ways) {
      throw new IllegalArgumentException(KEY + "classes-per-agent = " + classesPerAgent + " is too few for "
          + ways + "-way tasks; allowed: 0 (all training classes) or an integer >= ways (" + ways + ")");
    }
    if (!(lambda > 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException(KEY + "regularization = " + lambda + " is out of range; allowed: a finite number > 0");
    }
    if (!(initScale > 0 && Double.isFinite(initScale))) {
      throw new IllegalArgumentException(KEY + "init-scale = " + initScale + " is out of range; allowed: a finite number > 0");
    }
  }

  private static void positive(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(KEY + key + " = " + value + " is out of range; allowed: an integer >= " + min);
    }
  }

  /**
   * Checks the data against the task shape from the labels alone (the driver's check, before anything is
   * written): enough classes for N-way meta-training and meta-test tasks and for the class pools, and
   * K + Q rows in every class a task may use.
   *
   * @throws IllegalArgumentException naming the key to change
   */
  public void check() {
    int classes = data.classes();
    int train = classes - testClasses;
    if (testClasses > classes || train < ways) {
      throw new IllegalArgumentException(KEY + "test-classes = " + testClasses + " leaves " + Math.max(0, train)
          + " of the data's " + classes + " classes for meta-training, too few for " + ways
          + "-way tasks; allowed: ways <= test-classes <= " + (classes - ways));
    }
    if (classesPerAgent > train) {
      throw new IllegalArgumentException(KEY + "classes-per-agent = " + classesPerAgent + " exceeds the " + train
          + " meta-training classes; allowed: 0 or an integer in [ways, " + train + "]");
    }
    int[][] rows = data.rowsByClass();
    for (int c = 0; c < classes; c++) {
      if (rows[c].length < shots + queries) {
        throw new IllegalArgumentException(KEY + "shots + queries = " + (shots + queries) + " exceeds the "
            + rows[c].length + " rows of class " + c + " of " + data.describe() + "; lower shots or queries");
      }
    }
  }

  @Override
  public String name() {
    return "meta-learning";
  }

  /** p = (d + 1) h. */
  @Override
  public int dimX() {
    return (data.features() + 1) * hidden;
  }

  /** q = n T (h + 1) N: every task's head. */
  @Override
  public int dimY() {
    return agents * tasks * (hidden + 1) * ways;
  }

  /** (h + 1) N. */
  @Override
  public int headDim() {
    return (hidden + 1) * ways;
  }

  /** The ridge weight of one task's head in the mean lower level, n T lambda. */
  public double taskRidge() {
    return agents * tasks * lambda;
  }

  /** {meta-training classes, meta-test classes}, each ascending, from the seeded permutation. */
  public int[][] classSplit() {
    int classes = data.classes();
    int[] perm = new int[classes];
    for (int c = 0; c < classes; c++) perm[c] = c;
    SplittableRandom r = RandomStreams.of(seed, RandomStreams.SHARED, CLASS_SPLIT);
    for (int i = classes - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] test = Arrays.copyOfRange(perm, 0, Math.min(testClasses, classes));
    int[] train = Arrays.copyOfRange(perm, Math.min(testClasses, classes), classes);
    Arrays.sort(test);
    Arrays.sort(train);
    return new int[][] {train, test};
  }

  /** The training classes agent i draws its tasks from. */
  public int[] pool(int agent, int[] trainClasses) {
    int c = trainClasses.length;
    if (classesPerAgent == 0 || classesPerAgent >= c) return trainClasses.clone();
    int start = (int) ((long) agent * c / agents);
    int[] out = new int[classesPerAgent];
    for (int j = 0; j < classesPerAgent; j++) out[j] = trainClasses[(start + j) % c];
    Arrays.sort(out);
    return out;
  }

  /** Agent i's T training tasks. */
  public FewShotTask[] trainTasks(int agent, int[][] rowsByClass, int[] trainClasses) {
    SplittableRandom r = RandomStreams.of(seed, agent, TRAIN_TASKS);
    int[] pool = pool(agent, trainClasses);
    FewShotTask[] out = new FewShotTask[tasks];
    for (int t = 0; t < tasks; t++) out[t] = FewShotTask.draw(rowsByClass, pool, ways, shots, queries, r);
    return out;
  }

  /** Meta-test task j. */
  public FewShotTask testTask(int j, int[][] rowsByClass, int[] testClassList) {
    SplittableRandom r = RandomStreams.of(seed, RandomStreams.SHARED, TEST_TASKS, j);
    return FewShotTask.draw(rowsByClass, testClassList, ways, shots, queries, r);
  }

  @Override
  public LocalProblem build(int agent) {
    if (agent < 0 || agent >= agents) throw new IndexOutOfBoundsException("agent " + agent + " not in [0, " + agents + ")");
    int[][] rows = data.rowsByClass();
    int[][] split = classSplit();
    FewShotTask[] own = trainTasks(agent, rows, split[0]);
    int ms = ways * shots;
    int mq = ways * queries;
    int[] supportRows = new int[tasks * ms];
    int[] queryRows = new int[tasks * mq];
    for (int t = 0; t < tasks; t++) {
      System.arraycopy(own[t].support(), 0, supportRows, t * ms, ms);
      System.arraycopy(own[t].query(), 0, queryRows, t * mq, mq);
    }
    List<FewShotTask> test = new ArrayList<>();
    for (int j = agent; j < testTasks; j += agents) test.add(testTask(j, rows, split[1]));
    return new MetaLearningShard(data.features() + 1, hidden, ways, shots, queries, tasks, agent * tasks,
        agents * tasks, lambda, taskRidge(), data.block(supportRows), data.block(queryRows),
        data, test.toArray(new FewShotTask[0]));
  }

  /**
   * L = (h + 1) / (2T) + lambda, a bound that needs no data: a feature row [tanh(.), 1] has squared norm at
   * most h + 1 and the softmax curvature is at most 1/2, so the curvature of agent i's support loss in one
   * head, divided by T, is at most (h + 1) / (2T). Curvature in U is not included.
   */
  @Override
  public double smoothness() {
    return smoothnessFrom(new double[] {smoothnessTerm(0)});
  }

  @Override
  public double smoothnessTerm(int agent) {
    return (hidden + 1) / (2.0 * tasks);
  }

  @Override
  public double smoothnessFrom(double[] terms) {
    double l = 0.0;
    for (double t : terms) l = Math.max(l, t);
    return l + lambda;
  }

  /** U with i.i.d. N(0, initScale^2 / (d + 1)) entries from (seed, SHARED): a random feature map. */
  @Override
  public double[] initialX() {
    double[] x = new double[dimX()];
    SplittableRandom r = RandomStreams.of(seed, RandomStreams.SHARED, INITIAL_X);
    double s = initScale / Math.sqrt(data.features() + 1);
    for (int k = 0; k < x.length; k++) x[k] = s * r.nextGaussian();
    return x;
  }

  /** T N K support rows per agent. */
  @Override
  public int[] shardSizes() {
    int[] out = new int[agents];
    Arrays.fill(out, tasks * ways * shots);
    return out;
  }

  /** The source, the class split and each agent's class pool (labels only). */
  @Override
  public Map<String, Object> describeData() {
    int[][] split = classSplit();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("source", data.describe());
    d.put("classes", data.classes());
    d.put("train_classes", split[0]);
    d.put("test_classes", split[1]);
    List<Object> pools = new ArrayList<>();
    for (int i = 0; i < agents; i++) pools.add(pool(i, split[0]));
    d.put("agent_classes", pools);
    d.put("task_ridge", taskRidge());
    return d;
  }

  /**
   * Mean query accuracy over tasks with a 95% interval (normal approximation: 1.96 times the standard
   * deviation of the per-task accuracies over the square root of the number of tasks).
   */
  public record Accuracy(int tasks, double mean, double halfWidth) implements java.io.Serializable {
    static Accuracy of(double[] perTask) {
      int n = perTask.length;
      if (n == 0) return new Accuracy(0, Double.NaN, Double.NaN);
      double mean = 0.0;
      for (double a : perTask) mean += a;
      mean /= n;
      double ss = 0.0;
      for (double a : perTask) ss += (a - mean) * (a - mean);
      double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0;
      return new Accuracy(n, mean, 1.96 * sd / Math.sqrt(n));
    }
  }

  /**
   * The meta-test of a feature map U: each of the {@code testTasks} tasks' heads fitted with U frozen, its
   * query accuracy; the tasks the shards evaluate, so {@code mean} equals the run's test accuracy at U.
   * Reads the test classes' rows where it runs.
   */
  public Accuracy metaTest(double[] x) {
    double[] acc = new double[testTasks];
    for (int i = 0; i < agents; i++) {
      MetaLearningShard shard = (MetaLearningShard) build(i);
      for (int k = 0; k < shard.testTasks(); k++) {
        acc[i + k * agents] = shard.testCorrect(x, k) / (double) (ways * queries);
      }
    }
    return Accuracy.of(acc);
  }

  /**
   * The same protocol on the n T meta-training tasks: each head refitted with U frozen (ridge rho) on the
   * task's support rows, accuracy on its query rows.
   */
  public Accuracy metaTrain(double[] x) {
    int[][] rows = data.rowsByClass();
    int[][] split = classSplit();
    int mq = ways * queries;
    double[] acc = new double[agents * tasks];
    for (int i = 0; i < agents; i++) {
      FewShotTask[] own = trainTasks(i, rows, split[0]);
      for (int t = 0; t < tasks; t++) {
        MetaLearningShard one = new MetaLearningShard(data.features() + 1, hidden, ways, shots, queries, 1, 0, 1,
            lambda, taskRidge(), new double[0], new double[0], data, new FewShotTask[] {own[t]});
        acc[i * tasks + t] = one.testCorrect(x, 0) / (double) mq;
      }
    }
    return Accuracy.of(acc);
  }
}
