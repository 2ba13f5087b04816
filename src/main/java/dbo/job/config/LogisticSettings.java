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
 * @param data            {@code data}: a real table instead of synthetic data (then features, classes, train,
 *                        validation, test and problem.heterogeneity are not used)
 */
public record LogisticSettings(int features, int classes, String hyperparameters, int train, int validation,
    int test, double initialLambda, Data data) {

  /**
   * Section {@code problem.logistic.data}.
   *
   * @param format     {@code none} (default: synthetic data), {@code idx}, {@code libsvm} or {@code csv}
   * @param path       the IDX directory or the LIBSVM / CSV file
   * @param features   LIBSVM feature count d; 0 (default) = the largest index in the file
   * @param classes    K; 0 (default) = the distinct labels, sorted, become classes 0..K-1
   * @param train      share of the rows in the training split; default 0.6; in (0, 1]
   * @param validation share in the validation split; default 0.2; in (0, 1]
   * @param test       share in the test split; default 0.2; in [0, 1]; the three sum to at most 1
   * @param placement  how training and validation rows are spread over agents (as hyper-cleaning's)
   * @param labelColumn    parquet only: {@code label-column}, default "label"
   * @param featureColumns parquet only: {@code feature-columns}, comma-separated; "" (default) = all but the label
   */
  public record Data(String format, String path, int features, int classes, double train, double validation,
      double test, String placement, String labelColumn, String featureColumns) {
    /** The allowed values of {@code format}. */
    public static final List<String> FORMATS = List.of("none", "idx", "libsvm", "csv", "parquet");

    /** A table without Parquet column settings (the defaults). */
    public Data(String format, String path, int features, int classes, double train, double validation,
        double test, String placement) {
      this(format, path, features, classes, train, validation, test, placement, "label", "");
    }

    /** {@link #featureColumns()} split at commas, trimmed, empty entries dropped. */
    public List<String> featureColumnList() {
      return java.util.Arrays.stream(featureColumns.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    }

    /** Whether a table is configured (format is not {@code none}). */
    public boolean isTable() {
      return !format.equals("none");
    }
  }

  /** The allowed values of {@code hyperparameters}. */
  public static final List<String> HYPERPARAMETER_MODES = List.of("per-feature", "scalar");
}
