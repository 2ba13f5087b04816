package dbo.problem;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the l2 penalty of {@link LogisticHpoProblem} is parameterized: one log-strength lambda_j per feature
 * (x has dimension d) or a single shared lambda (x has dimension 1). Config key
 * {@code problem.logistic.hyperparameters}, default {@code per-feature}.
 */
public enum HyperparameterShape {
  PER_FEATURE("per-feature"),
  SCALAR("scalar");

  private final String configName;

  HyperparameterShape(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration files. */
  public String configName() {
    return configName;
  }

  /** Parses a configuration value, or throws naming the key and the allowed values. */
  public static HyperparameterShape fromConfig(String key, String value) {
    for (HyperparameterShape s : values()) if (s.configName.equals(value)) return s;
    throw new IllegalArgumentException(key + " = \"" + value + "\" is not a hyperparameter shape; allowed: "
        + Arrays.stream(values()).map(HyperparameterShape::configName).collect(Collectors.joining(", ")));
  }
}
