package dbo.problem;

import java.io.Serializable;

/** The lower-level Hessian H and cross Jacobian J of one agent, frozen at a snapshot point. */
public interface FrozenOperators extends Serializable {
  /** H^ v, length q. */
  double[] hessianVector(double[] v);

  /** J^ v, length p. */
  double[] jacobianVector(double[] v);
}
