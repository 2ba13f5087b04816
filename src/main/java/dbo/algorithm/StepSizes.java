package dbo.algorithm;

import java.io.Serializable;

/**
 * Step sizes of the single-loop methods: alpha for x, beta for y, gamma for z, and the radius R of the
 * ball onto which z is projected (infinite = no projection). Defaults (ALGORITHMS.md section 4) are
 * alpha 0.01, beta = gamma 0.1, scaled by 1/L by the job when the problem supplies L. alpha = 0 is allowed and
 * freezes x (x+ = W x, which keeps the common x0: the lower level alone, e.g. to compare y with a centralized
 * solver); beta and gamma must be positive.
 */
public record StepSizes(double alpha, double beta, double gamma, double zRadius) implements Serializable {
  public StepSizes {
    if (!(alpha >= 0) || !(beta > 0) || !(gamma > 0)) {
      throw new IllegalArgumentException("step sizes must be alpha >= 0, beta > 0, gamma > 0 but got alpha="
          + alpha + ", beta=" + beta + ", gamma=" + gamma);
    }
    if (!(zRadius > 0)) throw new IllegalArgumentException("z-radius must be > 0 but got " + zRadius);
  }

  @Override
  public String toString() {
    return "alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma + ", z-radius=" + zRadius;
  }
}
