package dbo.algorithm;


/** What an S3LDBO snapshot stores (ALGORITHMS.md section 5). */
public enum SnapshotMode {
  /** Reuse the directions (v^, p^, u^) evaluated at the snapshot point. */
  OUTPUTS("outputs"),
  /** Freeze H^ and J^ at the snapshot and apply them to the current z. */
  OPERATORS("operators");

  private final String configName;

  SnapshotMode(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }
}
