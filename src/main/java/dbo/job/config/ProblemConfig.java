package dbo.job.config;

import dbo.problem.Heterogeneity;
import java.util.List;

/**
 * Section {@code problem}: which bilevel problem, on how many agents, how the data are spread.
 * Both problem sub-sections are always present (with defaults); only the one named by {@code type} is used.
 *
 * @param type          {@code "quadratic"} (default), {@code "logistic"} or {@code "hyper-cleaning"}
 * @param agents        number of agents n; default 16; {@code >= 1}
 * @param heterogeneity generator preset; default {@link Heterogeneity#MILD}
 * @param unequalShards {@code shard-sizes = unequal}; default {@code equal} (false)
 * @param quadratic     settings of the quadratic problem
 * @param logistic      settings of the logistic hyperparameter problem
 * @param hyperCleaning settings of the Fashion-MNIST data hyper-cleaning problem
 */
public record ProblemConfig(String type, int agents, Heterogeneity heterogeneity, boolean unequalShards,
    QuadraticSettings quadratic, LogisticSettings logistic, HyperCleaningSettings hyperCleaning) {

  /** The allowed values of {@code problem.type}. */
  public static final List<String> TYPES = List.of("quadratic", "logistic", "hyper-cleaning");
}
