package dbo.job.config;

import java.util.List;

/**
 * Section {@code problem.logistic}: hyperparameter optimization of (softmax) logistic regression
 * (ALGORITHMS.md section 8).
 *
 * @param features        number of features; default 20; {@code >= 1}
 * @param classes         number of classes (2 = binary); default 2; {@code >= 2}
 * @param hyperparameters {@code "per-feature"} (default: one lambda per feature) or {@code "scalar"}
 * @param train           training samples per agent; default 200; {@code >= 1}
 * @param validation      validation samples per agent; default 100; {@code >= 1}
 * @param test            test samples per agent; default 100; {@code >= 1}
 * @param initialLambda   {@code initial-lambda}, starting value of every lambda; default -2.0; in [-12, 12]
 */
public record LogisticSettings(int features, int classes, String hyperparameters, int train, int validation,
    int test, double initialLambda) {

  /** The allowed values of {@code hyperparameters}. */
  public static final List<String> HYPERPARAMETER_MODES = List.of("per-feature", "scalar");
}
