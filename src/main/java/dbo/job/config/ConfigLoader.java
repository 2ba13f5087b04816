package dbo.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import dbo.algorithm.RefreshRule;
import dbo.algorithm.SnapshotMode;
import dbo.algorithm.SparkleVariant;
import dbo.algorithm.Strategy;
import dbo.problem.Heterogeneity;
import dbo.topology.TopologyKind;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment configuration: the user's HOCON file (or text), then the {@code --set key=value}
 * overrides in order, on top of {@code reference.conf}, which documents every key with its default and range.
 * Everything is validated here, once, so the rest of the code can trust an {@link ExperimentConfig}:
 * unknown keys, wrong types and out-of-range values throw {@link InvalidConfigException} with a one-line
 * message naming the key, the value and what is allowed. Override syntax: see {@link Overrides}.
 */
public final class ConfigLoader {

  /** The values of {@code algorithms[].type}, in the order they are documented. */
  public static final List<String> ALGORITHM_TYPES = List.of("sldbo", "s3ldbo", "sparkle", "sparkle-gt",
      "sparkle-extra", "sparkle-ed", "sparkle-ed-gt", "sparkle-extra-gt", "d-soba", "d-soba-fo", "ma-dsbo-gt", "mdbo");

  private static final String REFERENCE = "/reference.conf";
  private static final List<String> SHARD_SIZES = List.of("equal", "unequal");

  private ConfigLoader() {}

  /** Loads {@code file} and applies {@code overrides} ("key=value", from the CLI's --set) on top. */
  public static ExperimentConfig load(Path file, List<String> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException(file + ": config file not found (" + file.toAbsolutePath() + ")");
    }
    Config user;
    try {
      // Force HOCON: a .json or .properties name would otherwise switch the parser.
      user = ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
    } catch (ConfigException.Parse e) {
      throw malformed(file.toString(), e);
    } catch (ConfigException e) {
      throw new InvalidConfigException(file + ": cannot read config file: " + e.getMessage(), e);
    }
    return build(user, overrides);
  }

  /**
   * {@code file}'s configuration as self-contained HOCON text: its {@code include}s expanded (relative to the
   * file, as {@link #load} reads them), substitutions left for {@link #parse} to resolve against the
   * defaults. A grid rebuilds every cell from this text, so a cell sees exactly what {@link #load} saw; the
   * file's raw text would lose its includes, which HOCON skips silently when they cannot be found.
   */
  public static String expandedText(Path file) {
    Config user = ConfigFactory.parseFile(file.toFile(),
        ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
    return user.root().render(com.typesafe.config.ConfigRenderOptions.defaults().setOriginComments(false)
        .setComments(false).setJson(false));
  }

  /** Parses configuration text and applies {@code overrides} on top; the text's origin is "config text". */
  public static ExperimentConfig parse(String hocon, List<String> overrides) {
    Config user;
    try {
      user = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription("config text"));
    } catch (ConfigException.Parse e) {
      throw malformed("config text", e);
    }
    return build(user, overrides);
  }

  private static ExperimentConfig build(Config user, List<String> overrides) {
    Config reference = reference();
    Config layered = user;
    for (String override : overrides) layered = Overrides.apply(layered, override, reference);
    Config merged;
    try {
      merged = layered.withFallback(reference).resolve();
    } catch (ConfigException e) {
      // Unresolved substitutions and cyclic references: Typesafe's message already names the key and origin.
      throw new InvalidConfigException(e.getMessage(), e);
    }
    new ConfigSchema(reference.root()).checkKnownKeys(merged.root());
    return read(merged);
  }

  private static ExperimentConfig read(Config c) {
    SectionReader r = new SectionReader(c, "");
    long seed = r.longValue("seed");
    RunnerKind runner = r.enumValue("runner", RunnerKind::fromConfig);
    SparkSettings spark = new SparkSettings(r.nonEmptyString("spark.master"), r.string("spark.checkpoint-dir"));
    ProblemConfig problem = readProblem(r);
    TopologyConfig topology = readTopology(new SectionReader(baseTopology(c), "topology."), problem.agents());
    TopologyConfig topologyX = readTopology(new SectionReader(levelTopology(c, "x"), "topology.x."), problem.agents());
    TopologyConfig topologyYz = readTopology(new SectionReader(levelTopology(c, "yz"), "topology.yz."),
        problem.agents());
    RunSettings run = new RunSettings(
        r.intAtLeast("run.iterations", 1),
        r.intAtLeast("run.log-every", 1),
        r.intAtLeast("run.checkpoint-every", 1),
        r.nonNegative("run.tolerance"),
        r.positive("run.divergence-threshold"),
        r.positive("run.progress-seconds"),
        r.intAtLeast("run.oracle-budget", 0));

    // Validate the defaults under their own name first, so a bad default is not blamed on an entry.
    Config defaults = c.getConfig("algorithm-defaults");
    readAlgorithmKeys(new SectionReader(defaults, "algorithm-defaults."), "", "");
    List<AlgorithmConfig> algorithms = readAlgorithms(c.getList("algorithms"), defaults);

    return new ExperimentConfig(seed, runner, spark, problem, topology, topologyX, topologyYz, run, algorithms,
        readGrid(c, r), resolvedJson(c, algorithms));
  }

  private static ProblemConfig readProblem(SectionReader r) {
    String type = r.choice("problem.type", ProblemConfig.TYPES, "a problem type");
    int agents = r.intAtLeast("problem.agents", 1);
    Heterogeneity heterogeneity = r.enumValue("problem.heterogeneity", Heterogeneity::fromConfig);
    boolean unequal = r.choice("problem.shard-sizes", SHARD_SIZES, "a shard-size mode").equals("unequal");
    QuadraticSettings quadratic = new QuadraticSettings(
        r.intAtLeast("problem.quadratic.dim-x", 1),
        r.intAtLeast("problem.quadratic.dim-y", 1),
        r.nonNegative("problem.quadratic.rho"),
        r.positive("problem.quadratic.mu"),
        r.intAtLeast("problem.quadratic.samples", 1));
    LogisticSettings logistic = new LogisticSettings(
        r.intAtLeast("problem.logistic.features", 1),
        r.intAtLeast("problem.logistic.classes", 2),
        r.choice("problem.logistic.hyperparameters", LogisticSettings.HYPERPARAMETER_MODES, "a hyperparameter mode"),
        r.intAtLeast("problem.logistic.train", 1),
        r.intAtLeast("problem.logistic.validation", 1),
        r.intAtLeast("problem.logistic.test", 1),
        r.doubleIn("problem.logistic.initial-lambda", -12.0, false, 12.0),
        readLogisticData(r));
    HyperCleaningSettings cleaning = new HyperCleaningSettings(
        r.nonEmptyString("problem.hyper-cleaning.data"),
        r.doubleIn("problem.hyper-cleaning.corruption", 0.0, false, 1.0),
        r.nonEmptyString("problem.hyper-cleaning.placement"),
        r.intAtLeast("problem.hyper-cleaning.train", 1),
        r.intAtLeast("problem.hyper-cleaning.validation", 1),
        r.intAtLeast("problem.hyper-cleaning.test", 0),
        r.positive("problem.hyper-cleaning.regularization"),
        r.doubleIn("problem.hyper-cleaning.initial-logit", -12.0, false, 12.0),
        r.bool("problem.hyper-cleaning.baselines"),
        r.intAtLeast("problem.hyper-cleaning.baseline-iterations", 1),
        r.choice("problem.hyper-cleaning.features", HyperCleaningSettings.FEATURES, "a feature scaling"));
    return new ProblemConfig(type, agents, heterogeneity, unequal, quadratic, logistic, cleaning);
  }

  private static LogisticSettings.Data readLogisticData(SectionReader r) {
    String format = r.choice("problem.logistic.data.format", LogisticSettings.Data.FORMATS, "a table format");
    String path = r.string("problem.logistic.data.path");
    if (!format.equals("none") && path.isBlank()) {
      throw new InvalidConfigException("problem.logistic.data.path is empty but format = " + format
          + "; set it to the data file (libsvm, csv), directory (idx) or Parquet file or directory");
    }
    LogisticSettings.Data d = new LogisticSettings.Data(format, path,
        r.intAtLeast("problem.logistic.data.features", 0),
        r.intAtLeast("problem.logistic.data.classes", 0),
        r.doubleIn("problem.logistic.data.train", 0.0, true, 1.0),
        r.doubleIn("problem.logistic.data.validation", 0.0, true, 1.0),
        r.doubleIn("problem.logistic.data.test", 0.0, false, 1.0),
        r.nonEmptyString("problem.logistic.data.placement"),
        r.nonEmptyString("problem.logistic.data.label-column"),
        r.string("problem.logistic.data.feature-columns"));
    if (d.train() + d.validation() + d.test() > 1.0 + 1e-12) {
      throw new InvalidConfigException("problem.logistic.data train + validation + test = "
          + (d.train() + d.validation() + d.test()) + " exceeds 1; lower the shares");
    }
    if (d.classes() == 1) {
      throw new InvalidConfigException("problem.logistic.data.classes = 1 is out of range; allowed: 0 (infer) or"
          + " an integer >= 2");
    }
    return d;
  }

  private static final List<String> NOT_VARIABLE = List.of("grid", "seed", "algorithms");

  private static GridSettings readGrid(Config c, SectionReader r) {
    List<Long> seeds = new ArrayList<>();
    try {
      seeds.addAll(c.getLongList("grid.seeds"));
    } catch (ConfigException.WrongType e) {
      throw new InvalidConfigException("grid.seeds has the wrong type; expected a list of integers such as [1, 2, 3]");
    }
    Map<String, List<String>> vary = new LinkedHashMap<>();
    // Flattened, so that both "topology.type" = [..] and topology.type = [..] work; sorted for a stable order.
    Map<String, ConfigValue> flat = new java.util.TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("grid.vary").entrySet()) {
      flat.put(String.join(".", com.typesafe.config.ConfigUtil.splitPath(e.getKey())), e.getValue());
    }
    for (Map.Entry<String, ConfigValue> e : flat.entrySet()) {
      String key = e.getKey();
      String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      if (NOT_VARIABLE.contains(root)) {
        throw new InvalidConfigException("grid.vary.\"" + key + "\" cannot be varied; allowed: any key except "
            + String.join(", ", NOT_VARIABLE) + " (seeds go in grid.seeds)");
      }
      if (!(e.getValue() instanceof ConfigList list) || list.isEmpty()) {
        throw new InvalidConfigException("grid.vary.\"" + key + "\" must be a non-empty list of values, e.g. [mild, severe]");
      }
      List<String> values = new ArrayList<>();
      for (ConfigValue value : list) values.add(value.render(ConfigRenderOptions.concise()));
      vary.put(key, values);
    }
    if (seeds.isEmpty() && !vary.isEmpty()) {
      throw new InvalidConfigException("grid.seeds is empty but grid.vary is set; allowed: list the seeds, e.g. grid.seeds = [1, 2, 3]");
    }
    return new GridSettings(seeds, vary, r.positive("grid.target"));
  }

  /** Section topology without its per-level override objects. */
  private static Config baseTopology(Config c) {
    return c.getConfig("topology").withoutPath("x").withoutPath("yz");
  }

  /** Section topology with the overrides of one level (x or yz) on top. */
  private static Config levelTopology(Config c, String level) {
    return c.getConfig("topology." + level).withFallback(baseTopology(c));
  }

  /** Reads one topology section; {@code r}'s prefix names it in messages (topology., topology.x., ...). */
  private static TopologyConfig readTopology(SectionReader r, int agents) {
    TopologyKind type = r.enumValue("type", TopologyKind::fromConfig);
    int rows = r.intAtLeast("rows", 0);
    int cols = r.intAtLeast("cols", 0);
    double ringMix = r.doubleIn("ring-mix", 0.0, true, 1.0);
    double edgeProbability = r.doubleIn("edge-probability", 0.0, true, 1.0);
    String edgeList = r.string("edge-list");
    boolean lazy = r.bool("lazy");
    if (type == TopologyKind.TORUS) checkTorusShape(r.prefix(), rows, cols, agents);
    if (type == TopologyKind.EDGE_LIST && edgeList.isBlank()) {
      throw new InvalidConfigException(r.prefix() + "edge-list is empty; it must name the edge file when "
          + r.prefix() + "type = edge-list");
    }
    return new TopologyConfig(type, rows, cols, ringMix, edgeProbability, edgeList, lazy);
  }

  // Caught here rather than when the graph is built: a sweep should fail before it starts, not midway.
  private static void checkTorusShape(String p, int rows, int cols, int agents) {
    if (rows == 0 && cols == 0) {
      int side = (int) Math.round(Math.sqrt(agents));
      if (side * side != agents) {
        throw new InvalidConfigException(p + "rows = 0 and " + p + "cols = 0 derive a square torus, but problem.agents = "
            + agents + " is not a perfect square; allowed: set rows and cols with rows x cols = " + agents);
      }
    } else if (rows == 0 || cols == 0) {
      String given = rows == 0 ? "cols" : "rows";
      int g = Math.max(rows, cols);
      if (agents % g != 0) {
        throw new InvalidConfigException(p + given + " = " + g + " does not divide problem.agents = " + agents
            + "; allowed: a divisor of " + agents);
      }
    } else if ((long) rows * cols != agents) {
      throw new InvalidConfigException(p + "rows = " + rows + " and " + p + "cols = " + cols + " make "
          + (long) rows * cols + " agents, but problem.agents = " + agents + "; allowed: rows x cols = " + agents);
    }
  }

  private static List<AlgorithmConfig> readAlgorithms(ConfigList list, Config defaults) {
    if (list.isEmpty()) {
      throw new InvalidConfigException("algorithms is empty; allowed: a non-empty list such as [ { type = sldbo } ]");
    }
    List<AlgorithmConfig> out = new ArrayList<>();
    Map<String, Integer> labels = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String prefix = "algorithms[" + i + "].";
      Config entry = ((ConfigObject) list.get(i)).toConfig();
      SectionReader r = new SectionReader(entry.withFallback(defaults), prefix);
      if (!entry.hasPath("type")) {
        throw new InvalidConfigException(prefix + "type is required; allowed: " + String.join(", ", ALGORITHM_TYPES));
      }
      String type = r.choice("type", ALGORITHM_TYPES, "an algorithm");
      String label = entry.hasPath("label") ? r.nonEmptyString("label") : null;
      AlgorithmConfig a = readAlgorithmKeys(r, type, label);
      Integer previous = labels.putIfAbsent(a.label(), i);
      if (previous != null) {
        throw new InvalidConfigException(prefix + "label = \"" + a.label() + "\" is already used by algorithms["
            + previous + "]; labels must be unique (set label on one of them)");
      }
      out.add(a);
    }
    return out;
  }

  /** The algorithm-defaults keys; {@code label == null} means the default label for the type. */
  private static AlgorithmConfig readAlgorithmKeys(SectionReader r, String type, String label) {
    double alpha = r.positive("alpha");
    double beta = r.positive("beta");
    double gamma = r.positive("gamma");
    boolean scale = r.bool("scale-by-smoothness");
    double zRadius = r.positiveOrInf("z-radius");
    RefreshRule refresh = r.enumValue("refresh", RefreshRule::fromConfig);
    double p = r.doubleIn("p", 0.0, true, 1.0);
    int tau = r.intAtLeast("tau", 1);
    boolean stagger = r.bool("stagger");
    SnapshotMode snapshot = r.enumValue("snapshot", SnapshotMode::fromConfig);
    double theta = r.doubleIn("theta", 0.0, true, 1.0);
    Strategy xStrategy = r.enumValue("x-strategy", Strategy::fromConfig);
    Strategy yzStrategy = r.enumValue("yz-strategy", Strategy::fromConfig);
    double delta = r.positive("delta");
    int innerY = r.intAtLeast("inner-y-steps", 1);
    int innerZ = r.intAtLeast("inner-z-steps", 1);
    int neumann = r.intAtLeast("neumann-terms", 0);
    int batch = r.intAtLeast("batch", 0);
    boolean lazyCorrections = r.bool("lazy-corrections");
    String name = label != null ? label : defaultLabel(type, refresh, p, tau, xStrategy, yzStrategy);
    return new AlgorithmConfig(type, name, alpha, beta, gamma, scale, zRadius, refresh, p, tau, stagger, snapshot,
        theta, xStrategy, yzStrategy, delta, innerY, innerZ, neumann, batch, lazyCorrections);
  }

  /**
   * "SLDBO"; for s3ldbo "S3LDBO(p=0.2)", "S3LDBO(p=0.2,shared)" or "S3LDBO(tau=5)"; for sparkle the variant,
   * e.g. "SPARKLE-ED-GT"; "D-SOBA-fo" for d-soba-fo; other types upper-cased.
   */
  static String defaultLabel(String type, RefreshRule refresh, double p, int tau, Strategy x, Strategy yz) {
    String base = type.toUpperCase(java.util.Locale.ROOT);
    return switch (type) {
      case "s3ldbo" -> switch (refresh) {
        case BERNOULLI -> base + "(p=" + SectionReader.fmt(p) + ")";
        case SHARED_COIN -> base + "(p=" + SectionReader.fmt(p) + ",shared)";
        case PERIODIC -> base + "(tau=" + tau + ")";
      };
      case "sparkle" -> new SparkleVariant(yz, x).label();
      case "d-soba-fo" -> "D-SOBA-fo";
      default -> base;
    };
  }

  /** The merged tree with each algorithms entry completed, so the manifest shows exactly what ran. */
  private static String resolvedJson(Config merged, List<AlgorithmConfig> algorithms) {
    List<Object> entries = new ArrayList<>();
    for (AlgorithmConfig a : algorithms) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("type", a.type());
      e.put("label", a.label());
      e.put("alpha", a.alpha());
      e.put("beta", a.beta());
      e.put("gamma", a.gamma());
      e.put("scale-by-smoothness", a.scaleBySmoothness());
      // JSON has no infinity; keep the spelling the config accepts.
      e.put("z-radius", Double.isInfinite(a.zRadius()) ? "inf" : a.zRadius());
      e.put("refresh", a.refresh().configName());
      e.put("p", a.p());
      e.put("tau", a.tau());
      e.put("stagger", a.stagger());
      e.put("snapshot", a.snapshot().configName());
      e.put("theta", a.theta());
      e.put("x-strategy", a.xStrategy().configName());
      e.put("yz-strategy", a.yzStrategy().configName());
      e.put("delta", a.delta());
      e.put("inner-y-steps", a.innerYSteps());
      e.put("inner-z-steps", a.innerZSteps());
      e.put("neumann-terms", a.neumannTerms());
      e.put("batch", a.batch());
      e.put("lazy-corrections", a.lazyCorrections());
      entries.add(e);
    }
    ConfigValue list = ConfigValueFactory.fromIterable(entries);
    return merged.withValue("algorithms", list).root().render(ConfigRenderOptions.concise());
  }

  private static Config reference() {
    // One resource, not every reference.conf on the class path: another library's defaults must not
    // become keys of an experiment.
    URL url = ConfigLoader.class.getResource(REFERENCE);
    if (url == null) throw new IllegalStateException(REFERENCE + " is missing from the class path");
    return ConfigFactory.parseURL(url, ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private static InvalidConfigException malformed(String source, ConfigException.Parse e) {
    ConfigOrigin origin = e.origin();
    String detail = e.getMessage();
    if (origin != null && detail.startsWith(origin.description() + ": ")) {
      detail = detail.substring(origin.description().length() + 2);
    }
    String line = origin != null && origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "";
    return new InvalidConfigException(source + line + ": malformed HOCON: " + detail, e);
  }
}
