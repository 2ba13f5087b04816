package dbo.problem;


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
}
