package dbo.algorithm;

import java.util.Arrays;
import java.util.stream.Collectors;

/** When an S3LDBO agent refreshes its snapshot (ALGORITHMS.md section 5). */
public enum RefreshRule {
  /** An independent coin with probability p per agent per iteration, from the agent's own stream. */
  BERNOULLI("bernoulli"),
  /** One coin with probability p per iteration, shared by every agent. */
  SHARED_COIN("shared-coin"),
  /** Every tau iterations, optionally staggered by agent. */
  PERIODIC("periodic");

  private final String configName;

  RefreshRule(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static RefreshRule fromConfig(String key, String value) {
    for (RefreshRule r : values()) if (r.configName.equals(value)) return r;
    throw new IllegalArgumentException(key + " = \"" + value + "\" is not a refresh rule; allowed: "
        + Arrays.stream(values()).map(RefreshRule::configName).collect(Collectors.joining(", ")));
  }
}
