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
import dbo.problem.Heterogeneity;
import dbo.topology.GraphSchedule;
import dbo.topology.TopologyKind;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an experiment configuration: the user's HOCON file (or text), then the {@code --set key=value}
 * overrides in order, on top of {@code reference.conf}, which documents every key with its default and range.
 * Everything is validated here, once, so the rest of the code can trust an {@link ExperimentConfig}:
 * unknown keys, wrong types and out-of-range values throw {@link InvalidConfigException} with a one-line
 * message naming the key, the value and what is allowed. Override syntax: see {@link Overrides}.
 */
public final class ConfigLoader {

  private static final String REFERENCE = "/reference.conf";

  /** Key {@code problem.shard-sizes}. */
  private enum ShardSizes { EQUAL, UNEQUAL }

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
    RunnerKind runner = r.enumValue("runner", RunnerKind.class, "a runner");
    SparkSettings spark = new SparkSettings(r.nonEmptyString("spark.master"), r.string("spark.checkpoint-dir"));
    ProblemConfig problem = readProblem(r, c);
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
        r.intAtLeast("run.oracle-budget", 0),
        r.enumValue("run.stop-measure", dbo.runtime.StopMeasure.class, "a stopping measure"));

    // Validate the defaults under their own name first, so a bad default is not blamed on an entry.
    Config defaults = c.getConfig("algorithm-defaults");
    for (AlgorithmType type : AlgorithmType.values()) {
      readEntry(new SectionReader(defaults, "algorithm-defaults."), type, null);
    }
    List<AlgorithmConfig> algorithms = readAlgorithms(c.getList("algorithms"), defaults);
    for (int i = 0; i < algorithms.size(); i++) {
      algorithms.get(i).common().compression().checkStaticGraphs("algorithms[" + i + "].", topologyX, topologyYz);
    }

    return new ExperimentConfig(seed, runner, spark, problem, topology, topologyX, topologyYz, run, algorithms,
        readGrid(c, r), resolvedJson(c, algorithms));
  }

  private static ProblemConfig readProblem(SectionReader r, Config c) {
    ProblemType type = r.enumValue("problem.type", ProblemType.class, "a problem type");
    int agents = r.intAtLeast("problem.agents", 1);
    Heterogeneity heterogeneity = r.enumValue("problem.heterogeneity", Heterogeneity.class, "a heterogeneity preset");
    boolean unequal = r.enumValue("problem.shard-sizes", ShardSizes.class, "a shard-size mode") == ShardSizes.UNEQUAL;
    // Every problem's section is validated, so that a bad value fails now and not in a later grid cell.
    ProblemSettings settings = null;
    for (ProblemType t : ProblemType.values()) {
      ProblemSettings s = t.read(new SectionReader(c.getConfig(t.section()), t.section() + "."));
      if (t == type) settings = s;
    }
    return new ProblemConfig(type, agents, heterogeneity, unequal, settings);
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
    TopologyKind type = r.enumValue("type", TopologyKind.class, "a topology");
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
    double linkFailure = r.doubleValue("link-failure");
    if (!(linkFailure >= 0.0 && linkFailure < 1.0)) {
      throw new InvalidConfigException(r.prefix() + "link-failure = " + linkFailure + " is outside [0, 1); it is"
          + " the probability that a link fails in an iteration (0 = reliable links)");
    }
    GraphSchedule schedule = r.enumValue("schedule", GraphSchedule.class, "a graph schedule");
    if (schedule == GraphSchedule.ONE_PEER_EXPONENTIAL && type != TopologyKind.EXPONENTIAL) {
      throw new InvalidConfigException(r.prefix() + "schedule = one-peer-exponential needs " + r.prefix()
          + "type = exponential (its one-peer graphs are subgraphs of it), got " + type.configName());
    }
    return new TopologyConfig(type, rows, cols, ringMix, edgeProbability, edgeList, lazy, linkFailure, schedule);
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
        throw new InvalidConfigException(prefix + "type is required; allowed: "
            + SectionReader.spellings(AlgorithmType.class));
      }
      AlgorithmType type = r.enumValue("type", AlgorithmType.class, "an algorithm");
      AlgorithmConfig a = readEntry(r, type, entry.hasPath("label") ? r.nonEmptyString("label") : null);
      checkAllUsed(entry, r, prefix, type);
      a.common().compression().checkLevels(prefix, type, a.method());
      Integer previous = labels.putIfAbsent(a.label(), i);
      if (previous != null) {
        throw new InvalidConfigException(prefix + "label = \"" + a.label() + "\" is already used by algorithms["
            + previous + "]; labels must be unique (set label on one of them)");
      }
      out.add(a);
    }
    return out;
  }

  /** The common keys, then the method's own; {@code label == null} means the method's default label. */
  private static AlgorithmConfig readEntry(SectionReader r, AlgorithmType type, String label) {
    CommonSettings common = CommonSettings.read(r);
    AlgorithmSettings method = type.read(r);
    return new AlgorithmConfig(type, label != null ? label
        : method.defaultLabel() + common.compression().labelSuffix(), common, method);
  }

  // A key of algorithm-defaults that this entry sets but its method never reads would be silently ignored.
  private static void checkAllUsed(Config entry, SectionReader r, String prefix, AlgorithmType type) {
    Set<String> used = new TreeSet<>(r.used());
    for (String key : new TreeSet<>(entry.root().keySet())) {
      if (!used.contains(key)) {
        throw new InvalidConfigException(prefix + key + " is not used by type = " + SectionReader.spelling(type)
            + "; its keys: " + String.join(", ", used));
      }
    }
  }

  /** The merged tree with each algorithms entry replaced by the keys its method used, resolved. */
  private static String resolvedJson(Config merged, List<AlgorithmConfig> algorithms) {
    List<Object> entries = new ArrayList<>();
    for (AlgorithmConfig a : algorithms) entries.add(a.resolvedKeys());
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
