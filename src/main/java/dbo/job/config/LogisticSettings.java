package dbo.job.config;

import dbo.data.PlacementRule;
import dbo.data.TableSource;
import dbo.problem.HyperparameterShape;
import dbo.problem.LogisticHpoProblem;
import dbo.problem.LogisticHpoTableProblem;
import dbo.problem.ProblemSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Section {@code problem.logistic}: hyperparameter optimization of (softmax) logistic regression
 * (ALGORITHMS.md section 8), on synthetic data or on a table.
 *
 * @param features        number of features; default 20; {@code >= 1}
 * @param classes         number of classes (2 = binary); default 2; {@code >= 2}
 * @param hyperparameters one lambda per feature (default) or one shared
 * @param train           training samples per agent; default 200; {@code >= 1}
 * @param validation      validation samples per agent; default 100; {@code >= 1}
 * @param test            test samples per agent; default 100; {@code >= 1}
 * @param initialLambda   {@code initial-lambda}, starting value of every lambda; default -2.0; in [-12, 12]
 * @param data            {@code data}: a real table instead of synthetic data (then features, classes, train,
 *                        validation, test and problem.heterogeneity are not used)
 */
public record LogisticSettings(int features, int classes, HyperparameterShape hyperparameters, int train,
    int validation, int test, double initialLambda, Data data) implements ProblemSettings {

  /**
   * Section {@code problem.logistic.data}.
   *
   * @param format     empty for {@code none} (default: synthetic data), else idx, libsvm, csv or parquet
   * @param path       the IDX directory, the LIBSVM / CSV file, or the Parquet file or directory
   * @param features   LIBSVM feature count d; 0 (default) = the largest index in the file
   * @param classes    K; 0 (default) = the distinct labels, sorted, become classes 0..K-1
   * @param train      share of the rows in the training split; default 0.6; in (0, 1]
   * @param validation share in the validation split; default 0.2; in (0, 1]
   * @param test       share in the test split; default 0.2; in [0, 1]; the three sum to at most 1
   * @param placement  how training and validation rows are spread over agents (as hyper-cleaning's)
   * @param labelColumn    parquet only: {@code label-column}, default "label"
   * @param featureColumns parquet only: {@code feature-columns}, comma-separated; "" (default) = all but the label
   */
  public record Data(Optional<TableSource.Format> format, String path, int features, int classes, double train,
      double validation, double test, PlacementRule placement, String labelColumn, String featureColumns) {

    static Data read(SectionReader r) {
      String spelled = r.string("format");
      if (!spelled.equals("none") && Arrays.stream(TableSource.Format.values())
          .noneMatch(f -> SectionReader.spelling(f).equals(spelled))) {
        throw new InvalidConfigException(r.key("format") + " = \"" + spelled + "\" is not a table format; allowed: "
            + "none, " + SectionReader.spellings(TableSource.Format.class));
      }
      Optional<TableSource.Format> format = spelled.equals("none") ? Optional.empty()
          : Optional.of(r.enumValue("format", TableSource.Format.class, "a table format"));
      String path = r.string("path");
      if (format.isPresent() && path.isBlank()) {
        throw new InvalidConfigException(r.key("path") + " is empty but format = " + spelled
            + "; set it to the data file (libsvm, csv), directory (idx) or Parquet file or directory");
      }
      Data d = new Data(format, path, r.intAtLeast("features", 0), r.intAtLeast("classes", 0),
          r.doubleIn("train", 0.0, true, 1.0), r.doubleIn("validation", 0.0, true, 1.0),
          r.doubleIn("test", 0.0, false, 1.0), r.parsed("placement", PlacementRule::parse),
          r.nonEmptyString("label-column"), r.string("feature-columns"));
      if (d.train() + d.validation() + d.test() > 1.0 + 1e-12) {
        throw new InvalidConfigException("problem.logistic.data train + validation + test = "
            + (d.train() + d.validation() + d.test()) + " exceeds 1; lower the shares");
      }
      if (d.classes() == 1) {
        throw new InvalidConfigException(r.key("classes") + " = 1 is out of range; allowed: 0 (infer) or"
            + " an integer >= 2");
      }
      return d;
    }

    /** {@link #featureColumns()} split at commas, trimmed, empty entries dropped. */
    public List<String> featureColumnList() {
      return Arrays.stream(featureColumns.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    }

    /** Whether a table is configured (format is not {@code none}). */
    public boolean isTable() {
      return format.isPresent();
    }
  }

  static LogisticSettings read(SectionReader r) {
    return new LogisticSettings(
        r.intAtLeast("features", 1),
        r.intAtLeast("classes", 2),
        r.enumValue("hyperparameters", HyperparameterShape.class, "a hyperparameter mode"),
        r.intAtLeast("train", 1),
        r.intAtLeast("validation", 1),
        r.intAtLeast("test", 1),
        r.doubleIn("initial-lambda", -12.0, false, 12.0),
        Data.read(new SectionReader(r.section("data"), r.key("data."))));
  }

  @Override
  public ProblemSpec build(ProblemConfig p, long seed) {
    if (data.isTable()) return tableProblem(p, seed);
    return new LogisticHpoProblem(p.agents(), features, classes, hyperparameters, train, validation, test,
        p.heterogeneity(), p.unequalShards(), seed, initialLambda);
  }

  /** The logistic problem on the table of {@code problem.logistic.data}. */
  private ProblemSpec tableProblem(ProblemConfig p, long seed) {
    TableSource source = new TableSource(data.format().orElseThrow(), data.path(), data.features(),
        data.classes(), data.labelColumn(), data.featureColumnList());
    return new LogisticHpoTableProblem(p.agents(), source, data.train(), data.validation(), data.test(),
        data.placement().withUnequalShards(p.unequalShards()), hyperparameters, seed, initialLambda);
  }
}
