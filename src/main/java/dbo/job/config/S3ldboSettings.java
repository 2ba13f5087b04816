package dbo.job.config;

import dbo.algorithm.AgentAlgorithm;
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
 */
public record S3ldboSettings(RefreshRule refresh, double p, int tau, boolean stagger, SnapshotMode snapshot)
    implements AlgorithmSettings {

  static S3ldboSettings read(SectionReader r) {
    return new S3ldboSettings(r.enumValue("refresh", RefreshRule.class, "a refresh rule"),
        r.doubleIn("p", 0.0, true, 1.0), r.intAtLeast("tau", 1), r.bool("stagger"),
        r.enumValue("snapshot", SnapshotMode.class, "a snapshot mode"));
  }

  /** "S3LDBO(p=0.2)", "S3LDBO(p=0.2,shared)" or "S3LDBO(tau=5)". */
  @Override
  public String defaultLabel() {
    return switch (refresh) {
      case BERNOULLI -> "S3LDBO(p=" + SectionReader.fmt(p) + ")";
      case SHARED_COIN -> "S3LDBO(p=" + SectionReader.fmt(p) + ",shared)";
      case PERIODIC -> "S3LDBO(tau=" + tau + ")";
    };
  }

  @Override
  public AgentAlgorithm<?> build(AlgorithmContext c) {
    if (snapshot == SnapshotMode.OPERATORS && !c.cheapFrozenOperators().getAsBoolean()) {
      throw new IllegalArgumentException(c.at() + "snapshot = operators needs a problem with cheap frozen"
          + " operators (quadratic), not " + c.problem().name() + "; use snapshot = outputs");
    }
    return new SnapshotSldbo(c.label(), c.steps(), refresh, p, tau, stagger, snapshot, c.seed(), c.batch());
  }

  @Override
  public void writeKeys(Map<String, Object> out) {
    out.put("refresh", SectionReader.spelling(refresh));
    out.put("p", p);
    out.put("tau", tau);
    out.put("stagger", stagger);
    out.put("snapshot", SectionReader.spelling(snapshot));
  }
}
