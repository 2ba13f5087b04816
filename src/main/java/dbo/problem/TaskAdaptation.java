package dbo.problem;

/**
 * A capability of shards made of few-shot tasks, which task-level methods (decentralized first-order MAML,
 * {@link dbo.algorithm.DMaml}) need: an inner loop that adapts a shared head to each of the agent's tasks
 * with the feature map x frozen, and the gradients of the query loss at the adapted heads. Problems whose
 * shards have it declare it with {@link Source}; using such a method on any other problem is refused when
 * the experiment is built.
 */
public interface TaskAdaptation {
  /** Number of tasks T this shard holds. */
  int tasks();

  /** Length of one task's head. */
  int headDim();

  /** Number of agents whose heads the lower variable y holds (this shard's heads are one agent's part). */
  int agents();

  /**
   * Adapts {@code head0} to every task of this shard ({@code steps} gradient steps of size {@code rate} on
   * the task's support loss, x frozen) and returns the gradients of f_i at the adapted heads.
   */
  Adapted adapt(double[] x, double[] head0, int steps, double rate);

  /**
   * @param heads a lower variable (length q) holding each task's adapted head in that task's slot, zero in
   *     the other agents' slots
   * @param gradX grad_x f_i at (x, heads)
   * @param gradHead the sum over the agent's tasks of grad f_i in that task's head, i.e.
   *     (1/T) sum_t grad_v CE_t^query at the adapted heads: the first-order
   *     approximation of the gradient of f_i in the shared head (d v_t / d head0 taken as the identity)
   */
  record Adapted(double[] heads, double[] gradX, double[] gradHead) {}

  /** A problem whose shards implement {@link TaskAdaptation}. */
  interface Source extends ProblemSpec {
    /** Length of one task's head. */
    int headDim();
  }
}
