package dbo.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line {@code --set key=value} overrides, layered one by one on top of the user's file.
 *
 * <p>Plain keys are parsed as HOCON ({@code run.iterations=50}, {@code topology.type=full}); a value that is
 * not valid HOCON on its own ({@code local[4]}, {@code file:/tmp/x}) is taken as a literal string, so
 * quoting is rarely needed. HOCON paths cannot index into a list, so {@code algorithms.<i>.<key>=value}
 * (also written {@code algorithms[i].<key>=value}, as error messages name it) rewrites that key of entry i;
 * i equal to the list's length appends a new entry.
 */
final class Overrides {

  private static final Pattern ALGORITHM_ENTRY = Pattern.compile("algorithms(?:\\.(\\d+)|\\[(\\d+)\\])\\.(.+)");

  private Overrides() {}

  /** {@code layered} with {@code override} applied on top; {@code reference} supplies the default algorithms list. */
  static Config apply(Config layered, String override, Config reference) {
    int eq = override.indexOf('=');
    String key = eq < 0 ? "" : override.substring(0, eq).strip();
    if (key.isEmpty()) {
      throw new InvalidConfigException("--set \"" + override + "\" is not of the form key=value (e.g. run.iterations=50)");
    }
    String value = override.substring(eq + 1).strip();
    Matcher m = ALGORITHM_ENTRY.matcher(key);
    if (m.matches()) {
      int index = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      return setInAlgorithmEntry(layered, index, m.group(3), value, override, reference);
    }
    return parse(key, value, override).withFallback(layered);
  }

  private static Config setInAlgorithmEntry(Config layered, int index, String key, String value, String override,
      Config reference) {
    ConfigValue current;
    try {
      current = layered.withFallback(reference).resolve().getValue("algorithms");
    } catch (ConfigException e) {
      throw new InvalidConfigException("algorithms: cannot apply --set " + override + ": " + e.getMessage(), e);
    }
    if (current.valueType() != ConfigValueType.LIST) {
      throw new InvalidConfigException("algorithms is not a list, so --set " + override + " cannot index it");
    }
    List<ConfigValue> entries = new ArrayList<>((ConfigList) current);
    if (index > entries.size()) {
      throw new InvalidConfigException("algorithms[" + index + "] (from --set " + override + ") does not exist; "
          + "allowed indices: 0 to " + entries.size() + " (" + entries.size() + " appends an entry)");
    }
    Config entry = ConfigFactory.empty();
    if (index < entries.size()) {
      ConfigValue old = entries.get(index);
      if (old.valueType() != ConfigValueType.OBJECT) {
        throw new InvalidConfigException("algorithms[" + index + "] = " + ConfigSchema.render(old)
            + " has the wrong type; expected an object such as { type = sldbo }");
      }
      entry = ((ConfigObject) old).toConfig();
    }
    ConfigObject updated = parse(key, value, override).withFallback(entry).root();
    if (index < entries.size()) entries.set(index, updated);
    else entries.add(updated);
    return layered.withValue("algorithms", ConfigValueFactory.fromIterable(entries));
  }

  private static Config parse(String key, String value, String override) {
    ConfigParseOptions options = ConfigParseOptions.defaults().setOriginDescription("--set " + override);
    try {
      return ConfigFactory.parseString(key + " = " + value, options);
    } catch (ConfigException notHocon) {
      try {
        ConfigUtil.splitPath(key);
      } catch (ConfigException badPath) {
        throw new InvalidConfigException("--set \"" + override + "\": \"" + key + "\" is not a valid key path", badPath);
      }
      return ConfigFactory.empty("--set " + override).withValue(key, ConfigValueFactory.fromAnyRef(value));
    }
  }
}
