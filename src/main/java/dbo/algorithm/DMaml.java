package dbo.algorithm;

import dbo.linalg.Vectors;
import dbo.problem.LocalProblem;
import dbo.problem.TaskAdaptation;
import java.util.Arrays;

/**
 * Decentralized first-order MAML (the meta-learning baseline; ALGORITHMS.md, "Meta-learning"): the
 * meta-parameters are the feature map x and one shared head initialization w; the inner loop adapts the
 * head only (x frozen, as in ANIL), and the meta-gradient is first order (the adapted head's dependence on
 * w and x is dropped). Per iteration and agent i, with T tasks t of support loss CE^S_t and query loss CE^Q_t:
 *
 * <pre>
 *   v_t       = S gradient steps v+ = v - eta grad_v CE^S_t(x_i, v), from v = w_i
 *   G_x = (1/T) sum_t grad_x CE^Q_t(x_i, v_t),   G_w = (1/T) sum_t grad_v CE^Q_t(x_i, v_t)
 *   x_i+ = sum_j w_ij (x_j - alpha G_x,j),        w_i+ = sum_j w_ij (w_j - alpha G_w,j)
 * </pre>
 * i.e. decentralized SGD (the DSGD row of ALGORITHMS.md section 3, adapt then combine, no heterogeneity
 * correction) on the meta-parameters, one mixing round per iteration carrying x and w on the x graph.
 * Oracle counts per iteration: S gradients of g (one inner step on all T tasks of the agent) and one
 * gradient of f (x and head at the adapted heads); no HVP or JVP. Needs shards with
 * {@link TaskAdaptation}.
 */
public final class DMaml implements AgentAlgorithm<DMamlState> {
  private static final long serialVersionUID = 1L;

  private final String label;
  private final double alpha;
  private final int innerSteps;
  private final double innerRate;
  private final int headDim;

  /**
   * @param alpha meta step size, > 0
   * @param innerSteps S >= 0 inner gradient steps (0: no adaptation, the shared head itself)
   * @param innerRate eta > 0, the inner step size
   * @param headDim length of one head
   */
  public DMaml(String label, double alpha, int innerSteps, double innerRate, int headDim) {
    if (!(alpha > 0) || innerSteps < 0 || !(innerRate > 0) || headDim < 1) {
      throw new IllegalArgumentException("d-maml needs alpha > 0, inner-steps >= 0, inner-rate > 0; got alpha = "
          + alpha + ", inner-steps = " + innerSteps + ", inner-rate = " + innerRate);
    }
    this.label = label;
    this.alpha = alpha;
    this.innerSteps = innerSteps;
    this.innerRate = innerRate;
    this.headDim = headDim;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Class<DMamlState> stateType() {
    return DMamlState.class;
  }

  private static TaskAdaptation tasks(LocalProblem problem) {
    if (problem instanceof TaskAdaptation t) return t;
    throw new IllegalStateException("d-maml needs a problem of few-shot tasks; "
        + problem.getClass().getSimpleName() + " has none");
  }

  /** The shared head starts at zero (the first adaptation then starts from the same point on every task). */
  @Override
  public DMamlState initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
    return evaluate(agent, problem, x0.clone(), new double[headDim], new OracleCounts(), 0);
  }

  private DMamlState evaluate(int agent, LocalProblem problem, double[] x, double[] head, OracleCounts counts,
      long refreshes) {
    TaskAdaptation t = tasks(problem);
    TaskAdaptation.Adapted a = t.adapt(x, head, innerSteps, innerRate);
    counts.gradG += innerSteps;
    counts.gradF++;
    double[] y = Vectors.scale(t.agents(), a.heads());
    return new DMamlState(agent, x, head, y, new double[problem.dimY()], a.gradX(), a.gradHead(), counts,
        refreshes);
  }

  @Override
  public Message message(DMamlState st, int round) {
    return new Message(Vectors.concat(Vectors.axpy(st.x(), -alpha, st.gradX()),
        Vectors.axpy(st.head(), -alpha, st.gradHead())), new double[0]);
  }

  @Override
  public DMamlState update(DMamlState st, int round, Message mixed, LocalProblem problem, long iteration) {
    double[] up = mixed.upper();
    int p = st.x().length;
    return evaluate(st.agent(), problem, Arrays.copyOfRange(up, 0, p), Arrays.copyOfRange(up, p, up.length),
        st.counts().copy(), st.refreshes() + 1);
  }

  @Override
  public int[] messageLengths(int round, int dimX, int dimY) {
    return new int[] {dimX + headDim, 0};
  }

  @Override
  public String toString() {
    return label + "{D-MAML (first order, head-only inner loop), alpha=" + alpha + ", inner-steps=" + innerSteps
        + ", inner-rate=" + innerRate + "}";
  }
}
