package dbo.job.config;

import dbo.data.ClassTables;
import dbo.data.TableSource;
import dbo.problem.MetaLearningProblem;
import dbo.problem.ProblemSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Section {@code problem.meta-learning}: decentralized few-shot meta-learning of a feature map
 * (hyper-representation; ALGORITHMS.md section "Meta-learning"), {@link MetaLearningProblem}.
 *
 * @param format          {@code data.format}: synthetic (default; generated classes, section
 *                        {@code synthetic}) or a table format: idx, libsvm, csv, parquet
 * @param paths           {@code data.paths}: comma-separated tables of that format, classes pooled in order
 * @param tableFeatures   {@code data.features}: libsvm d; 0 = the largest index
 * @param tableClasses    {@code data.classes}: K per table; 0 = the sorted distinct labels
 * @param labelColumn     {@code data.label-column}: parquet only
 * @param featureColumns  {@code data.feature-columns}: parquet only, comma-separated; "" = all but the label
 * @param synthetic       the generated classes (format = synthetic), seeded by the master seed
 * @param ways            N; default 5; {@code >= 2}
 * @param shots           K support rows per class; default 5; {@code >= 1}
 * @param queries         Q query rows per class; default 15; {@code >= 1}
 * @param tasks           T training tasks per agent; default 8; {@code >= 1}
 * @param testClasses     classes held out for the meta-test; default 6; {@code >= ways}
 * @param classesPerAgent training classes each agent draws from; default 0 (all); else {@code >= ways}
 * @param hidden          h tanh units; default 32; {@code >= 1}
 * @param regularization  lambda on all of y; default 1e-3; {@code > 0}
 * @param initScale       the initial U ~ N(0, init-scale^2 / (d + 1)); default 1.0; {@code > 0}
 * @param testTasks       meta-test tasks; default 600; {@code >= 0}
 */
public record MetaLearningSettings(String format, String paths, int tableFeatures, int tableClasses,
    String labelColumn, String featureColumns, Synthetic synthetic, int ways, int shots, int queries, int tasks,
    int testClasses, int classesPerAgent, int hidden, double regularization, double initScale, int testTasks)
    implements ProblemSettings {

  /** Section {@code synthetic}: see {@link ClassTables.Synthetic}. */
  public record Synthetic(int classes, int perClass, int features, int latent, double separation, double noise) {
    static Synthetic read(SectionReader r) {
      Synthetic s = new Synthetic(r.intAtLeast("classes", 2), r.intAtLeast("per-class", 1),
          r.intAtLeast("features", 1), r.intAtLeast("latent", 1), r.positive("separation"), r.nonNegative("noise"));
      if (s.latent() > s.features()) {
        throw new InvalidConfigException(r.key("latent") + " = " + s.latent() + " exceeds features = "
            + s.features() + "; allowed: 1 <= latent <= features");
      }
      return s;
    }
  }

  static MetaLearningSettings read(SectionReader r) {
    SectionReader d = new SectionReader(r.section("data"), r.key("data."));
    String format = d.string("format");
    if (!format.equals("synthetic") && Arrays.stream(TableSource.Format.values())
        .noneMatch(f -> SectionReader.spelling(f).equals(format))) {
      throw new InvalidConfigException(d.key("format") + " = \"" + format + "\" is not a data format; allowed: "
          + "synthetic, " + SectionReader.spellings(TableSource.Format.class));
    }
    if (!format.equals("synthetic")) d.enumValue("format", TableSource.Format.class, "a table format");
    String paths = d.string("paths");
    if (!format.equals("synthetic") && paths.isBlank()) {
      throw new InvalidConfigException(d.key("paths") + " is empty but format = " + format
          + "; list the tables, comma-separated (e.g. \"data/mnist,data/fashion-mnist\")");
    }
    int tableClasses = d.intAtLeast("classes", 0);
    if (tableClasses == 1) {
      throw new InvalidConfigException(d.key("classes") + " = 1 is out of range; allowed: 0 (infer) or an integer >= 2");
    }
    MetaLearningSettings s = new MetaLearningSettings(format, paths, d.intAtLeast("features", 0), tableClasses,
        d.nonEmptyString("label-column"), d.string("feature-columns"),
        Synthetic.read(new SectionReader(r.section("synthetic"), r.key("synthetic."))),
        r.intAtLeast("ways", 2), r.intAtLeast("shots", 1), r.intAtLeast("queries", 1), r.intAtLeast("tasks", 1),
        r.intAtLeast("test-classes", 1), r.intAtLeast("classes-per-agent", 0), r.intAtLeast("hidden", 1),
        r.positive("regularization"), r.positive("init-scale"), r.intAtLeast("test-tasks", 0));
    if (s.testClasses() < s.ways()) {
      throw new InvalidConfigException(r.key("test-classes") + " = " + s.testClasses() + " is too few for "
          + s.ways() + "-way meta-test tasks; allowed: an integer >= ways (" + s.ways() + ")");
    }
    if (s.classesPerAgent() != 0 && s.classesPerAgent() < s.ways()) {
      throw new InvalidConfigException(r.key("classes-per-agent") + " = " + s.classesPerAgent() + " is too few for "
          + s.ways() + "-way tasks; allowed: 0 (all training classes) or an integer >= ways (" + s.ways() + ")");
    }
    return s;
  }

  /** The tables of {@code data.paths} (empty for synthetic data). */
  public List<TableSource> tables() {
    List<TableSource> out = new ArrayList<>();
    if (format.equals("synthetic")) return out;
    TableSource.Format f = TableSource.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    List<String> columns = Arrays.stream(featureColumns.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    for (String p : paths.split(",")) {
      if (p.isBlank()) continue;
      out.add(new TableSource(f, p.trim(), tableFeatures, tableClasses, labelColumn, columns));
    }
    return out;
  }

  /**
   * The problem, after checking the data against the task shape from its labels (too few classes, too few
   * rows per class): an {@link IllegalArgumentException} naming the key, before anything is written.
   */
  @Override
  public ProblemSpec build(ProblemConfig p, long seed) {
    ClassTables data;
    if (format.equals("synthetic")) {
      data = new ClassTables.Synthetic(synthetic.classes(), synthetic.perClass(), synthetic.features(),
          synthetic.latent(), synthetic.separation(), synthetic.noise(), seed);
    } else {
      for (TableSource t : tables()) {
        if (!Files.exists(Path.of(t.path()))) {
          throw new IllegalArgumentException("problem.meta-learning.data.paths: \"" + t.path()
              + "\" does not exist; run jobs/fetch-data or point it at a table");
        }
      }
      data = new ClassTables.Files(tables());
    }
    MetaLearningProblem problem = new MetaLearningProblem(p.agents(), data, ways, shots, queries, tasks, testClasses,
        classesPerAgent, hidden, regularization, initScale, testTasks, seed);
    problem.check();
    return problem;
  }
}
