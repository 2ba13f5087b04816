package dbo.problem;

import java.util.Locale;

/** How different the agents' local objectives are: the presets of the synthetic generators. */
public enum Heterogeneity {
  IID, MILD, SEVERE;

  /** The name used in configuration files. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
