package dbo.topology;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The communication graphs the project builds (ALGORITHMS.md section 2). */
public enum TopologyKind {
  RING("ring"),
  ADJUSTED_RING("adjusted-ring"),
  TORUS("torus"),
  FULL("full"),
  STAR("star"),
  EXPONENTIAL("exponential"),
  ERDOS_RENYI("erdos-renyi"),
  EDGE_LIST("edge-list");

  private final String configName;

  TopologyKind(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** Parses a configuration value, or throws naming the key and the allowed values. */
  public static TopologyKind fromConfig(String key, String value) {
    for (TopologyKind k : values()) if (k.configName.equals(value)) return k;
    throw new IllegalArgumentException(key + " = \"" + value + "\" is not a topology; allowed: "
        + Arrays.stream(values()).map(TopologyKind::configName).collect(Collectors.joining(", ")));
  }
}
