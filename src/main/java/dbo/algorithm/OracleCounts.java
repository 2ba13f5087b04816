package dbo.algorithm;

import java.io.Serializable;

/**
 * Cumulative oracle calls of one agent, by type (ALGORITHMS.md section 1): gradients of f (grad_x f and
 * grad_y f at one point count as one), gradients of g, Hessian-vector and Jacobian-vector products.
 */
public final class OracleCounts implements Serializable {
  private static final long serialVersionUID = 1L;
  public long gradF;
  public long gradG;
  public long hvp;
  public long jvp;

  public OracleCounts() {}

  public OracleCounts(long gradF, long gradG, long hvp, long jvp) {
    this.gradF = gradF;
    this.gradG = gradG;
    this.hvp = hvp;
    this.jvp = jvp;
  }

  public OracleCounts copy() {
    return new OracleCounts(gradF, gradG, hvp, jvp);
  }

  /** Adds o into this. */
  public void add(OracleCounts o) {
    gradF += o.gradF;
    gradG += o.gradG;
    hvp += o.hvp;
    jvp += o.jvp;
  }

  /** All oracle calls, an HVP or JVP counting as one gradient evaluation each. */
  public long total() {
    return gradF + gradG + hvp + jvp;
  }

  @Override
  public String toString() {
    return "gradF=" + gradF + " gradG=" + gradG + " hvp=" + hvp + " jvp=" + jvp;
  }
}
