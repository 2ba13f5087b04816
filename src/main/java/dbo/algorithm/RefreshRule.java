package dbo.algorithm;


/** When an S3LDBO agent refreshes its snapshot (ALGORITHMS.md section 5). */
public enum RefreshRule {
  /** An independent coin with probability p per agent per iteration, from the agent's own stream. */
  BERNOULLI("bernoulli"),
  /** One coin with probability p per iteration, shared by every agent. */
  SHARED_COIN("shared-coin"),
  /** Every tau iterations, optionally staggered by agent. */
  PERIODIC("periodic"),
  /**
   * Event-triggered: when the agent's drift since its snapshot exceeds a threshold relative to a running
   * scale of its own steps ({@link DriftTrigger}).
   */
  ADAPTIVE("adaptive");

  private final String configName;

  RefreshRule(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }
}
