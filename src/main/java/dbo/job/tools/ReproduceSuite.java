package dbo.job.tools;

import dbo.job.output.BadInputException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A reproducibility suite: {@code SUITES/<name>.conf} holds a {@code reproduce} block with the experiment
 * runs to make, the final metrics to compare and a tolerance per metric; {@code SUITES/references/<name>.json}
 * holds the reference values ({@link ReproduceReference}). Adding a suite is adding these two files:
 * <pre>
 * reproduce {
 *   description = "what the suite guards"
 *   runs = [
 *     # config: a path relative to this file, or an inline experiment; set: --set overrides
 *     { name = quadratic, config = "../quickstart.conf", set = ["runner=in-process"] }
 *   ]
 *   metrics = [iteration, grad_f, estimation_error]     # columns of metrics.csv, read by name
 *   tolerances { iteration = exact, grad_f = exact, estimation_error = "log10 0.5 floor 1e-20" }
 * }
 * </pre>
 */
public record ReproduceSuite(String name, Path file, String description, List<Run> runs, List<String> metrics,
    Map<String, ReproduceTolerance> tolerances) {

  /** Suite and run names: safe as file and directory names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Set<String> KEYS = Set.of("description", "runs", "metrics", "tolerances");
  private static final Set<String> RUN_KEYS = Set.of("name", "config", "set");

  /**
   * One experiment of the suite.
   *
   * @param configFile the experiment file, or null when {@code inlineConfig} holds the experiment
   * @param inlineConfig HOCON text of an inline experiment, or null
   */
  public record Run(String name, Path configFile, String inlineConfig, List<String> overrides) {}

  /** The suite file of {@code name} in {@code suites}. */
  public static Path file(Path suites, String name) {
    return suites.resolve(name + ".conf");
  }

  /** The reference file of {@code name} in {@code suites}. */
  public static Path referenceFile(Path suites, String name) {
    return suites.resolve("references").resolve(name + ".json");
  }

  /** Loads and checks suite {@code name}; every problem is a {@link BadInputException} with a one-line fix. */
  public static ReproduceSuite load(Path suites, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new BadInputException("suite name \"" + name + "\" is not a name; allowed: " + available(suites));
    }
    Path file = file(suites, name);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("no suite \"" + name + "\" (" + file + " does not exist); allowed: "
          + available(suites));
    }
    Config root;
    try {
      root = ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
    } catch (ConfigException e) {
      throw new BadInputException(file + ": malformed HOCON: " + e.getMessage());
    }
    String where = file.toString();
    if (!root.hasPath("reproduce") || root.getValue("reproduce").valueType() != ConfigValueType.OBJECT) {
      throw new BadInputException(where + " has no reproduce { runs, metrics, tolerances } block; add one");
    }
    Config c = root.getConfig("reproduce");
    unknownKeys(c, KEYS, where + ": reproduce");
    try {
      String description = c.hasPath("description") ? c.getString("description") : "";
      List<Run> runs = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      List<? extends Config> runList = c.getConfigList("runs");
      if (runList.isEmpty()) throw new BadInputException(where + ": reproduce.runs is empty; give at least one run");
      for (int i = 0; i < runList.size(); i++) {
        runs.add(run(runList.get(i), file.getParent(), where + ": reproduce.runs[" + i + "]", seen));
      }
      List<String> metrics = c.getStringList("metrics");
      if (metrics.isEmpty()) throw new BadInputException(where + ": reproduce.metrics is empty; name the columns to compare");
      if (metrics.contains("algorithm")) {
        throw new BadInputException(where + ": reproduce.metrics lists \"algorithm\", which names the case; list numeric columns");
      }
      Map<String, ReproduceTolerance> tolerances = new LinkedHashMap<>();
      Config t = c.getConfig("tolerances");
      for (String m : metrics) {
        String key = ConfigUtil.joinPath(m);
        if (!t.hasPath(key)) {
          throw new BadInputException(where + ": metric " + m + " has no tolerance; add reproduce.tolerances."
              + m + " = exact | absolute E | relative E | log10 D [floor F]");
        }
        try {
          tolerances.put(m, ReproduceTolerance.parse(t.getString(key)));
        } catch (IllegalArgumentException e) {
          throw new BadInputException(where + ": reproduce.tolerances." + m + " = " + e.getMessage());
        }
      }
      for (String k : t.root().keySet()) {
        if (!metrics.contains(k)) {
          throw new BadInputException(where + ": reproduce.tolerances." + k + " is not in reproduce.metrics "
              + metrics + "; add it there or remove the tolerance");
        }
      }
      return new ReproduceSuite(name, file, description, List.copyOf(runs), List.copyOf(metrics), tolerances);
    } catch (ConfigException.Missing | ConfigException.WrongType e) {
      throw new BadInputException(where + ": " + e.getMessage().replaceFirst("^[^:]*: \\d+: ", "")
          + "; see conf/reproduce/smoke.conf for the format");
    }
  }

  private static Run run(Config r, Path dir, String where, Set<String> seen) {
    unknownKeys(r, RUN_KEYS, where);
    String name = r.getString("name");
    if (!NAME.matcher(name).matches()) {
      throw new BadInputException(where + ".name = \"" + name + "\" is not a name; use letters, digits, '.', '_' and '-'");
    }
    if (!seen.add(name)) throw new BadInputException(where + ".name = \"" + name + "\" is used twice; names must differ");
    List<String> overrides = r.hasPath("set") ? r.getStringList("set") : List.of();
    ConfigValue config = r.getValue("config");
    if (config.valueType() == ConfigValueType.OBJECT) {
      String text = config.render(ConfigRenderOptions.concise().setJson(false));
      return new Run(name, null, text, List.copyOf(overrides));
    }
    if (config.valueType() != ConfigValueType.STRING) {
      throw new BadInputException(where + ".config must be a path (relative to the suite file) or an inline experiment { ... }");
    }
    Path path = dir.resolve((String) config.unwrapped()).normalize();
    if (!Files.isRegularFile(path)) {
      throw new BadInputException(where + ".config = \"" + config.unwrapped() + "\": " + path
          + " does not exist; give a path relative to the suite file");
    }
    return new Run(name, path, null, List.copyOf(overrides));
  }

  private static void unknownKeys(Config c, Set<String> allowed, String where) {
    for (String k : c.root().keySet()) {
      if (!allowed.contains(k)) {
        throw new BadInputException(where + "." + k + " is not a known key; allowed: " + new TreeSet<>(allowed));
      }
    }
  }

  /** The suite names in {@code suites}, for error messages. */
  static String available(Path suites) {
    List<String> names = new ArrayList<>();
    try (var files = Files.list(suites)) {
      files.filter(p -> p.getFileName().toString().endsWith(".conf") && isSuite(p))
          .map(p -> p.getFileName().toString().replaceFirst("\\.conf$", "")).sorted().forEach(names::add);
    } catch (java.io.IOException e) {
      return "(none: " + suites + " is not a readable directory)";
    }
    return names.isEmpty() ? "(none in " + suites + ")" : String.join(", ", names);
  }

  /** Whether {@code file} parses and has a {@code reproduce} block (experiment files beside suites do not). */
  private static boolean isSuite(Path file) {
    try {
      return ConfigFactory.parseFile(file.toFile()).hasPath("reproduce");
    } catch (ConfigException e) {
      return false;
    }
  }
}
