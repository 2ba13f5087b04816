package dbo.problem;

import java.io.Serializable;

/**
 * One agent's local objectives on its own data shard (ALGORITHMS.md section 1): the upper level
 * f_i(x, y) and the strongly convex lower level g_i(x, y), with x of dimension p and y, z of dimension q.
 *
 * <p>Implementations hold the shard and compute every oracle on the whole shard with dense matrix
 * kernels ({@link dbo.linalg.Matrices}); they never loop over examples calling a per-example oracle.
 * They know nothing of Spark, of other agents, or of counting: callers count oracle calls.
 * Methods return new arrays and never modify their arguments.
 */
public interface LocalProblem extends Serializable {
  /** Dimension p of the upper variable x. */
  int dimX();

  /** Dimension q of the lower variable y (and of the auxiliary z). */
  int dimY();

  /** Number of training samples in this shard (1 for problems without samples). */
  int shardSize();

  /** f_i(x, y). */
  double upperValue(double[] x, double[] y);

  /** g_i(x, y). */
  double lowerValue(double[] x, double[] y);

  /** grad_x f_i(x, y), length p. */
  double[] gradXUpper(double[] x, double[] y);

  /** grad_y f_i(x, y), length q. */
  double[] gradYUpper(double[] x, double[] y);

  /** grad_y g_i(x, y), length q. */
  double[] gradYLower(double[] x, double[] y);

  /**
   * grad_x g_i(x, y), length p: needed only by first-order variants that replace the Jacobian-vector
   * product by a difference of gradients (D-SOBA {@code fo}). Problems without it refuse such variants.
   */
  default double[] gradXLower(double[] x, double[] y) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not provide grad_x g, which first-order (finite-difference) variants need");
  }

  /** Hessian-vector product d2g_i/dy2 (x, y) * v, length q. */
  double[] hessianVector(double[] x, double[] y, double[] v);

  /** Jacobian-vector product d2g_i/dxdy (x, y) * v (a p x q matrix times a q-vector), length p. */
  double[] jacobianVector(double[] x, double[] y, double[] v);

  /**
   * grad_y g_i(x, y), H z and J z together. The default calls the three oracles; problems whose products
   * with the shard's features can share a pass override it with fused products (one product of the features
   * with [y z] and one of their transpose with the two per-sample terms), which gives the same values up to
   * the BLAS's rounding of the wider product.
   */
  default LowerOracles lowerOracles(double[] x, double[] y, double[] z) {
    return new LowerOracles(gradYLower(x, y), hessianVector(x, y, z), jacobianVector(x, y, z));
  }

  /**
   * The operators d2g/dy2 and d2g/dxdy frozen at (x, y), for S3LDBO's {@code snapshot = operators}.
   * Problems whose operators are cheap to apply once frozen return them; others return null, and the
   * configuration is then refused.
   */
  default FrozenOperators freeze(double[] x, double[] y) {
    return null;
  }

  /**
   * Number of samples f_i averages over, from which upper mini-batches are drawn; 0 when f_i has no
   * samples and its oracles are deterministic (then mini-batches sample only g).
   */
  default int upperSamples() {
    return 0;
  }

  /**
   * A view of this shard whose oracles use only the given rows: {@code upperRows} of the samples behind f
   * (ignored when {@link #upperSamples()} is 0) and {@code lowerRows} of the training samples behind g,
   * each an average over its rows as the full oracles are over the whole shard. Rows are indices in
   * [0, population), sorted ascending, without repetition; passing every row gives the full oracles.
   * Views are used for one draw of stochastic oracles ({@link Minibatch}) and are not evaluated.
   */
  default LocalProblem minibatch(int[] upperRows, int[] lowerRows) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support mini-batches");
  }

  /**
   * This shard's contribution to the metrics of a model (x, y), typically the averaged model.
   * Summed over agents in agent order by the runner.
   */
  Evaluation evaluate(double[] x, double[] y);
}
