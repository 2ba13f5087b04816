package dbo.algorithm;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent's S3LDBO state (ALGORITHMS.md section 5): iterates x, y, z; the snapshot directions v^, p^, u^
 * (in operators mode p^ and u^ are re-applied to the current z every iteration); their trackers s, r, h;
 * in operators mode only, what was frozen at the snapshot ({@code frozen}, null in outputs mode); and, with
 * {@code refresh = adaptive} only, the drift rule's memory ({@code drift}, null otherwise).
 */
public record SnapshotSldboState(int agent, double[] x, double[] y, double[] z, double[] v, double[] p,
    double[] u, double[] s, double[] r, double[] h, Frozen frozen, OracleCounts counts, long refreshes,
    DriftTrigger.Memory drift)
    implements AgentState {
  private static final long serialVersionUID = 1L;

  /**
   * What operators mode keeps of its snapshot: the point (x^, y^), the upper gradients there, and the
   * draw step of the snapshot's mini-batch (0 at initialization; unused with full-shard oracles).
   */
  public record Frozen(double[] x, double[] y, double[] gradXf, double[] gradYf, long step)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public double[] hypergradient() {
    return u;
  }

  @Override
  public List<double[]> vectors() {
    List<double[]> out = new ArrayList<>(List.of(x, y, z, v, p, u, s, r, h));
    if (frozen != null) out.addAll(List.of(frozen.x(), frozen.y(), frozen.gradXf(), frozen.gradYf()));
    if (drift != null) out.addAll(List.of(drift.x(), drift.y(), drift.z()));
    if (drift != null && drift.scale() != null) out.add(drift.scale());
    return List.copyOf(out);
  }
}
