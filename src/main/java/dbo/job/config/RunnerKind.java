package dbo.job.config;

import java.util.Arrays;
import java.util.stream.Collectors;

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

  /** Parses a configuration value, or throws naming the key and the allowed values. */
  public static RunnerKind fromConfig(String key, String value) {
    for (RunnerKind r : values()) if (r.configName.equals(value)) return r;
    throw new IllegalArgumentException(key + " = \"" + value + "\" is not a runner; allowed: "
        + Arrays.stream(values()).map(RunnerKind::configName).collect(Collectors.joining(", ")));
  }
}
