package dbo.job.config;

import dbo.data.DataDirectory;
import dbo.data.DatasetSource;
import dbo.data.PlacementRule;
import dbo.data.Storage;
import dbo.problem.HyperCleaningProblem;
import dbo.problem.ProblemSpec;

/**
 * Section {@code problem.hyper-cleaning}: data hyper-cleaning on Fashion-MNIST (ALGORITHMS.md section 8).
 *
 * @param data           directory written by jobs/fetch-data (a local path or a Hadoop URI such as
 *                       hdfs://namenode:8020/data/fashion-mnist); default "data/fashion-mnist"
 * @param corruption     probability that a training label is replaced by a random class; default 0.2; in [0, 1]
 * @param placement      how samples are spread over agents: iid | dirichlet(A) | sorted | sorted(R) | mild | severe
 *                       (equal shards; {@code problem.shard-sizes} is applied when the problem is built)
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
public record HyperCleaningSettings(String data, double corruption, PlacementRule placement, int train,
    int validation, int test, double regularization, double initialLogit, boolean baselines,
    int baselineIterations, Features features) implements ProblemSettings {

  /** Key {@code features}. */
  public enum Features { RAW, CENTERED }

  static HyperCleaningSettings read(SectionReader r) {
    return new HyperCleaningSettings(
        r.nonEmptyString("data"),
        r.doubleIn("corruption", 0.0, false, 1.0),
        r.parsed("placement", PlacementRule::parse),
        r.intAtLeast("train", 1),
        r.intAtLeast("validation", 1),
        r.intAtLeast("test", 0),
        r.positive("regularization"),
        r.doubleIn("initial-logit", -12.0, false, 12.0),
        r.bool("baselines"),
        r.intAtLeast("baseline-iterations", 1),
        r.enumValue("features", Features.class, "a feature scaling"));
  }

  /** Whether the features are centered. */
  public boolean centered() {
    return features == Features.CENTERED;
  }

  @Override
  public ProblemSpec build(ProblemConfig p, long seed) {
    // On the driver, before any job: the executors read the images themselves (from a local path or a Hadoop
    // URI), and a failure there would reach the driver wrapped in Spark's exception.
    if (!Storage.isDirectory(data)) {
      throw new IllegalArgumentException("problem.hyper-cleaning.data = \"" + data
          + "\" is not a directory; run jobs/fetch-data first or point it at the Fashion-MNIST IDX files");
    }
    DataDirectory.check(data);
    return new HyperCleaningProblem(p.agents(), DatasetSource.directory(data), train, validation, test,
        corruption, placement.withUnequalShards(p.unequalShards()), seed, regularization, initialLogit,
        centered());
  }
}
