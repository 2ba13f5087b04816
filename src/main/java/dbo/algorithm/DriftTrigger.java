package dbo.algorithm;

import dbo.linalg.Vectors;
import java.io.Serializable;

/**
 * The event-triggered refresh rule of S3LDBO ({@code refresh = adaptive}; ALGORITHMS.md, "Adaptive snapshot
 * refresh"): an agent refreshes its snapshot when, in some block b of (x, y, z), its drift since the snapshot
 * exceeds its current limit times a running scale of its own squared step lengths in that block:
 *
 * <pre>
 *   sigma_b^k = ||w_b^k - w_b^{k-1}||^2                          this iteration's squared step (after the primal step)
 *   D_b^k     = ||w_b^k - what_b||^2                             squared drift since the snapshot point what
 *   fire  iff  max_b D_b^k / S_b^{k-1} > 2 u threshold           S_b^0 = sigma_b^1 (no earlier step to compare)
 *   S_b^k     = (1 - weight) S_b^{k-1} + weight sigma_b^k        exponential average of the squared steps
 * </pre>
 *
 * u in (0, 1] is drawn once per snapshot from the agent's own stream (seed, agent, REFRESH, number of
 * refreshes so far), so the limit averages {@code threshold}. Without it, agents that start together refresh
 * together, and synchronized refreshes cost accuracy (measured on hyper-cleaning: shared-coin p = 0.05 and
 * unstaggered periodic tau = 20 against bernoulli p = 0.05, docs/adaptive-snapshots.md).
 *
 * <p>The test compares the drift with the scale of the steps <em>before</em> this one, so a sudden large
 * move fires at once. A snapshot's directions are off by about L ||w - what||, a step is about eta ||d||, so
 * D / S is the staleness measured in steps, a dimensionless number: the rule is unchanged when a block is
 * rescaled, and on a straight path of equal steps it fires after m iterations, m the first integer with
 * m^2 > 2 u threshold (D = m^2 S after m steps), so never later than sqrt(2 threshold) + 1; steps that go
 * back and forth (a point that is not moving) let it wait. It reads only the agent's own state and stream,
 * so it needs no communication and the runners agree bit for bit. A threshold of +infinity never fires:
 * the snapshot of initialization stays frozen.
 *
 * @param threshold T > 0, or +infinity for never; default 200 (on a straight path every 1 to 21 iterations,
 *                  about 13 on average)
 * @param weight    a in (0, 1], the weight of the newest squared step in the running scale; default 0.1
 */
public record DriftTrigger(double threshold, double weight) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The defaults of reference.conf: threshold 200, weight 0.1 (chosen in docs/adaptive-snapshots.md). */
  public static final DriftTrigger DEFAULT = new DriftTrigger(200, 0.1);

  public DriftTrigger {
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("drift-threshold = " + threshold + " is out of range; allowed: > 0, or inf");
    }
    if (!(weight > 0 && weight <= 1)) {
      throw new IllegalArgumentException(
          "drift-weight = " + weight + " is out of range; allowed: 0 < drift-weight <= 1");
    }
  }

  /**
   * What the rule keeps per agent: the snapshot point (shared with the state that set it; never written)
   * the running scale S_b of the squared steps of x, y, z (null before the first step), and this snapshot's
   * limit 2 u threshold.
   */
  public record Memory(double[] x, double[] y, double[] z, double[] scale, double limit) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The memory right after initialization: the snapshot at (x, y, z) with draw u in (0, 1], no step seen yet. */
  public Memory start(double[] x, double[] y, double[] z, double u) {
    return new Memory(x, y, z, null, limit(u));
  }

  private double limit(double u) {
    if (!(u > 0 && u <= 1)) throw new IllegalArgumentException("u = " + u + " is not in (0, 1]");
    return 2 * u * threshold;
  }

  /** Whether the agent that moved from {@code before} to {@code after} (each {x, y, z}) refreshes now. */
  public boolean fires(Memory m, double[][] before, double[][] after) {
    double[][] snapshot = {m.x(), m.y(), m.z()};
    for (int b = 0; b < 3; b++) {
      double scale = m.scale() == null ? Vectors.distanceSquared(after[b], before[b]) : m.scale()[b];
      if (Vectors.distanceSquared(after[b], snapshot[b]) > m.limit() * scale) return true;
    }
    return false;
  }

  /**
   * The memory after the move {@code before -> after}: the scale takes in this step; when the agent
   * refreshed, the snapshot point becomes {@code after} and the limit is drawn anew from {@code u} (in (0, 1];
   * unused otherwise).
   */
  public Memory advance(Memory m, double[][] before, double[][] after, boolean refreshed, double u) {
    double[] scale = new double[3];
    for (int b = 0; b < 3; b++) {
      double sigma = Vectors.distanceSquared(after[b], before[b]);
      scale[b] = m.scale() == null ? sigma : (1 - weight) * m.scale()[b] + weight * sigma;
    }
    return refreshed ? new Memory(after[0], after[1], after[2], scale, limit(u))
        : new Memory(m.x(), m.y(), m.z(), scale, m.limit());
  }
}
