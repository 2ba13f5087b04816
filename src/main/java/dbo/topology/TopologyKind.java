package dbo.topology;


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
}
