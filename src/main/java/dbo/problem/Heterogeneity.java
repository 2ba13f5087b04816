package dbo.problem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How different the agents' local objectives are: the presets of the synthetic generators. */
public enum Heterogeneity {
  IID, MILD, SEVERE;

  /** The name used in configuration files. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configuration value, or throws naming the key and the allowed values. */
  public static Heterogeneity fromConfig(String key, String value) {
    for (Heterogeneity h : values()) if (h.configName().equals(value)) return h;
    throw new IllegalArgumentException(key + " = \"" + value + "\" is not a heterogeneity preset; allowed: "
        + Arrays.stream(values()).map(Heterogeneity::configName).collect(Collectors.joining(", ")));
  }
}
