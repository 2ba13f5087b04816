package dbo.job.run;

import dbo.problem.MetaLearningProblem;
import dbo.problem.ProblemSpec;
import dbo.runtime.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The meta-learning problem's end-of-run measurement ({@code meta-test.csv} in the result directory): for
 * the initial feature map and for each algorithm's final mean feature map, the mean query accuracy with its
 * 95% interval on the meta-test tasks and on the meta-training tasks, every head fitted with the feature map
 * frozen ({@link MetaLearningProblem#metaTest}, {@link MetaLearningProblem#metaTrain}). Deterministic (a
 * pure function of the problem and the feature map); on the Spark runner it runs as one task on an executor,
 * which reads the rows, so the driver still reads no features.
 */
final class MetaTestReport {
  /** File name in the result directory. */
  static final String FILE = "meta-test.csv";

  /**
   * @param model "initial" or the algorithm's label
   * @param split "meta-test" or "meta-train"
   */
  record Row(String model, String split, MetaLearningProblem.Accuracy accuracy) {}

  private final MetaLearningProblem problem;
  private final JavaSparkContext jsc;
  private final Consumer<String> progress;
  private final List<Row> rows = new ArrayList<>();

  private MetaTestReport(MetaLearningProblem problem, JavaSparkContext jsc, Consumer<String> progress) {
    this.problem = problem;
    this.jsc = jsc;
    this.progress = progress;
  }

  /** A report for a meta-learning problem with meta-test tasks, else null. */
  static MetaTestReport of(ProblemSpec problem, JavaSparkContext jsc, Consumer<String> progress) {
    if (!(problem instanceof MetaLearningProblem m) || m.testTasks() == 0) return null;
    MetaTestReport r = new MetaTestReport(m, jsc, progress);
    r.measure("initial", m.initialX());
    return r;
  }

  /** Measures the engine's current mean feature map under {@code label}. */
  void measure(String label, Engine engine) {
    measure(label, engine.summary(null).xbar());
  }

  private void measure(String label, double[] x) {
    MetaLearningProblem.Accuracy[] a;
    if (jsc == null) {
      a = new MetaLearningProblem.Accuracy[] {problem.metaTest(x), problem.metaTrain(x)};
    } else {
      MetaLearningProblem p = problem;
      a = jsc.parallelize(List.of(x), 1)
          .map(v -> new MetaLearningProblem.Accuracy[] {p.metaTest(v), p.metaTrain(v)}).collect().get(0);
    }
    rows.add(new Row(label, "meta-test", a[0]));
    rows.add(new Row(label, "meta-train", a[1]));
    progress.accept(String.format(Locale.ROOT, "[meta-test] %s: meta-test accuracy %.4f +- %.4f (%d tasks),"
        + " meta-train %.4f +- %.4f", label, a[0].mean(), a[0].halfWidth(), a[0].tasks(), a[1].mean(),
        a[1].halfWidth()));
  }

  void write(Path file) throws IOException {
    StringBuilder sb = new StringBuilder("model,split,tasks,accuracy,ci95\n");
    for (Row r : rows) {
      sb.append(r.model()).append(',').append(r.split()).append(',').append(r.accuracy().tasks()).append(',')
          .append(r.accuracy().mean()).append(',').append(r.accuracy().halfWidth()).append('\n');
    }
    Files.writeString(file, sb.toString());
  }

  /** The summary table's addendum. */
  String table() {
    StringBuilder sb = new StringBuilder(String.format("%-22s %-10s %6s %9s %8s", "model", "split", "tasks",
        "accuracy", "ci95"));
    for (Row r : rows) {
      sb.append(System.lineSeparator()).append(String.format(Locale.ROOT, "%-22s %-10s %6d %9.4f %8.4f", r.model(),
          r.split(), r.accuracy().tasks(), r.accuracy().mean(), r.accuracy().halfWidth()));
    }
    return sb.toString();
  }
}
