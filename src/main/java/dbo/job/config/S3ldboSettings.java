package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.DriftTrigger;
import dbo.algorithm.RefreshRule;
import dbo.algorithm.SnapshotMode;
import dbo.algorithm.SnapshotSldbo;
import java.util.Map;

/**
 * S3LDBO, SLDBO with snapshots (ALGORITHMS.md section 5).
 *
 * @param refresh  when an agent refreshes its snapshot; default {@link RefreshRule#BERNOULLI}
 * @param p        refresh probability (bernoulli, shared-coin); default 0.2; in (0, 1]
 * @param tau      refresh period (periodic); default 5; {@code >= 1}
 * @param stagger  periodic: different refresh phases per agent; default true
 * @param snapshot what a snapshot stores; default {@link SnapshotMode#OUTPUTS}
 * @param driftThreshold {@code drift-threshold} (adaptive): T of {@link DriftTrigger}; default 200; > 0 or inf
 * @param driftWeight    {@code drift-weight} (adaptive): weight of the newest step in the running scale;
 *                       default 0.1; in (0, 1]
 */
public record S3ldboSettings(RefreshRule refresh, double p, int tau, boolean stagger, SnapshotMode snapshot,
    double driftThreshold, double driftWeight) implements AlgorithmSettings {

  static S3ldboSettings read(SectionReader r) {
    return new S3ldboSettings(r.enumValue("refresh", RefreshRule.class, "a refresh rule"),
        r.doubleIn("p", 0.0, true, 1.0), r.intAtLeast("tau", 1), r.bool("stagger"),
        r.enumValue("snapshot", SnapshotMode.class, "a snapshot mode"), r.positiveOrInf("drift-threshold"),
        r.doubleIn("drift-weight", 0.0, true, 1.0));
  }

  /** "S3LDBO(p=0.2)", "S3LDBO(p=0.2,shared)", "S3LDBO(tau=5)" or "S3LDBO(adaptive,T=200)". */
  @Override
  public String defaultLabel() {
    return switch (refresh) {
      case BERNOULLI -> "S3LDBO(p=" + SectionReader.fmt(p) + ")";
      case SHARED_COIN -> "S3LDBO(p=" + SectionReader.fmt(p) + ",shared)";
      case PERIODIC -> "S3LDBO(tau=" + tau + ")";
      case ADAPTIVE -> "S3LDBO(adaptive,T="
          + (Double.isInfinite(driftThreshold) ? "inf" : SectionReader.fmt(driftThreshold)) + ")";
    };
  }

  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    if (snapshot == SnapshotMode.OPERATORS && !c.cheapFrozenOperators().getAsBoolean()) {
      throw new IllegalArgumentException(c.at() + "snapshot = operators needs a problem with cheap frozen"
          + " operators (quadratic), not " + c.problem().name() + "; use snapshot = outputs");
    }
    return new SnapshotSldbo(c.label(), c.steps(), refresh, p, tau, stagger, snapshot, c.seed(), c.batch(),
        new DriftTrigger(driftThreshold, driftWeight));
  }

  @Override
  public void writeKeys(Map<String, Object> out) {
    out.put("refresh", SectionReader.spelling(refresh));
    out.put("p", p);
    out.put("tau", tau);
    out.put("stagger", stagger);
    out.put("snapshot", SectionReader.spelling(snapshot));
    out.put("drift-threshold", Double.isInfinite(driftThreshold) ? "inf" : driftThreshold);
    out.put("drift-weight", driftWeight);
  }
}
