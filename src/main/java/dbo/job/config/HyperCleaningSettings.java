package dbo.job.config;

/**
 * Section {@code problem.hyper-cleaning}: data hyper-cleaning on Fashion-MNIST (ALGORITHMS.md section 8).
 *
 * @param data           directory written by jobs/fetch-data; default "data/fashion-mnist"
 * @param corruption     probability that a training label is replaced by a random class; default 0.2; in [0, 1]
 * @param placement      how samples are spread over agents: iid | dirichlet(A) | sorted | sorted(R) | mild | severe
 * @param train          training samples; default 50000; {@code >= agents}
 * @param validation     validation samples; default 10000; {@code >= agents}
 * @param test           test samples; default 10000; {@code >= 0}
 * @param regularization c in g_i = mean_j sigmoid(x_j) CE + c ||y||^2; default 1e-3; {@code > 0}
 * @param initialLogit   starting value of every sample weight logit x_j; default 0
 * @param baselines      also train the two MLlib logistic-regression baselines (corrupted labels, clean samples
 *                       only) on the same split and report their test accuracy; default false
 * @param baselineIterations L-BFGS iteration limit of each baseline fit; default 100; {@code >= 1}
 * @param features       raw (pixels / 255) | centered (minus the training split's per-pixel mean); default raw
 */
public record HyperCleaningSettings(String data, double corruption, String placement, int train, int validation,
    int test, double regularization, double initialLogit, boolean baselines, int baselineIterations,
    String features) {
  /** Allowed values of {@code features}. */
  public static final java.util.List<String> FEATURES = java.util.List.of("raw", "centered");

  /** Whether the features are centered. */
  public boolean centered() {
    return "centered".equals(features);
  }

  /** Settings without baselines. */
  public HyperCleaningSettings(String data, double corruption, String placement, int train, int validation,
      int test, double regularization, double initialLogit) {
    this(data, corruption, placement, train, validation, test, regularization, initialLogit, false, 100, "raw");
  }
}
