package dbo.job.config;


/** Where the agents run. Key {@code runner}; default {@code spark}. */
public enum RunnerKind {
  /** One Spark task per partition of agents; messages travel through shuffles. */
  SPARK("spark"),
  /** A loop over agents in the driver JVM: the same algorithm code, bit-for-bit the same results. */
  IN_PROCESS("in-process");

  private final String configName;

  RunnerKind(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration files. */
  public String configName() {
    return configName;
  }
}
