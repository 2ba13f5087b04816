package dbo.job.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The set of keys reference.conf defines, used to refuse keys it does not. Typesafe Config's
 * {@code checkValid} only reports missing keys and wrong types, so a misspelt key would otherwise be
 * silently ignored and the run would use the default.
 */
final class ConfigSchema {

  /** Keys an {@code algorithms} entry may have besides those of {@code algorithm-defaults}. */
  static final List<String> ENTRY_ONLY_KEYS = List.of("type", "label");

  private static final int MAX_SUGGESTION_DISTANCE = 2;

  private final ConfigObject reference;
  private final Set<String> entryKeys = new TreeSet<>();

  ConfigSchema(ConfigObject reference) {
    this.reference = reference;
    entryKeys.addAll(ENTRY_ONLY_KEYS);
    entryKeys.addAll(((ConfigObject) reference.get("algorithm-defaults")).keySet());
  }

  /** Throws on the first key of {@code config} (a resolved user + reference tree) that the reference lacks. */
  void checkKnownKeys(ConfigObject config) {
    walk(reference, config, "");
  }

  private void walk(ConfigObject schema, ConfigObject actual, String prefix) {
    for (String key : new TreeSet<>(actual.keySet())) {
      String path = prefix + key;
      ConfigValue expected = schema.get(key);
      if (expected == null) {
        throw unknownKey(path, key, schema.keySet(), prefix, prefix.isEmpty() ? "top-level keys" : "keys of "
            + prefix.substring(0, prefix.length() - 1));
      }
      ConfigValue value = actual.get(key);
      if (path.equals("algorithms")) {
        checkAlgorithmEntries(value);
      } else if (path.equals("grid.vary")) {
        // Its keys name other keys of the file; GridSpec checks each value by applying it as an override.
        continue;
      } else if (path.equals("topology.x") || path.equals("topology.yz")) {
        // A level's overrides may hold any key of topology except the levels themselves.
        ConfigObject levelSchema = ((ConfigObject) reference.get("topology")).withoutKey("x").withoutKey("yz");
        if (value.valueType() != ConfigValueType.OBJECT) {
          throw new InvalidConfigException(path + " = " + render(value) + " has the wrong type; expected an object"
              + " with keys " + String.join(", ", new TreeSet<>(levelSchema.keySet())));
        }
        walk(levelSchema, (ConfigObject) value, path + ".");
      } else if (expected.valueType() == ConfigValueType.OBJECT) {
        if (value.valueType() != ConfigValueType.OBJECT) {
          throw new InvalidConfigException(path + " = " + render(value) + " has the wrong type; expected an object"
              + " with keys " + String.join(", ", new TreeSet<>(((ConfigObject) expected).keySet())));
        }
        walk((ConfigObject) expected, (ConfigObject) value, path + ".");
      }
    }
  }

  private void checkAlgorithmEntries(ConfigValue value) {
    if (value.valueType() != ConfigValueType.LIST) {
      throw new InvalidConfigException("algorithms = " + render(value)
          + " has the wrong type; expected a list of objects such as [ { type = sldbo } ]");
    }
    ConfigList list = (ConfigList) value;
    for (int i = 0; i < list.size(); i++) {
      ConfigValue entry = list.get(i);
      String prefix = "algorithms[" + i + "].";
      if (entry.valueType() != ConfigValueType.OBJECT) {
        throw new InvalidConfigException("algorithms[" + i + "] = " + render(entry)
            + " has the wrong type; expected an object such as { type = sldbo }");
      }
      for (String key : new TreeSet<>(((ConfigObject) entry).keySet())) {
        if (!entryKeys.contains(key)) {
          throw unknownKey(prefix + key, key, entryKeys, prefix, "keys of an algorithm entry");
        }
      }
    }
  }

  private InvalidConfigException unknownKey(String path, String key, Set<String> siblings, String prefix,
      String siblingsName) {
    String suggestion = closest(key, siblings);
    String hint;
    if (suggestion != null) {
      hint = "; did you mean " + prefix + suggestion + "?";
    } else {
      // A key put in the wrong section (e.g. top-level `iterations`) is a common slip; point to its home.
      List<String> homes = new ArrayList<>();
      collectPaths(reference, "", key, homes);
      hint = homes.isEmpty() ? "" : "; did you mean " + String.join(" or ", homes) + "?";
    }
    return new InvalidConfigException(path + " is not a known key" + hint + " (" + siblingsName + ": "
        + String.join(", ", new TreeSet<>(siblings)) + ")");
  }

  private static void collectPaths(ConfigObject node, String prefix, String leaf, List<String> out) {
    for (Map.Entry<String, ConfigValue> e : node.entrySet()) {
      String path = prefix + e.getKey();
      if (e.getKey().equals(leaf)) out.add(path);
      if (e.getValue().valueType() == ConfigValueType.OBJECT) {
        collectPaths((ConfigObject) e.getValue(), path + ".", leaf, out);
      }
    }
    out.sort(null);
  }

  /** The candidate nearest to {@code key} by edit distance, if within {@value #MAX_SUGGESTION_DISTANCE}. */
  static String closest(String key, Set<String> candidates) {
    String best = null;
    int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
    for (String c : new TreeSet<>(candidates)) {
      int d = editDistance(key, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String render(ConfigValue value) {
    return value.render(ConfigRenderOptions.concise());
  }
}
