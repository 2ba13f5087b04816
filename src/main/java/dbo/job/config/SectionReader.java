package dbo.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Typed, range-checked reads from one (resolved) config tree. Every failure is an
 * {@link InvalidConfigException} whose message starts with the key path as the user would write it
 * ({@code prefix + path}, e.g. {@code algorithms[1].p}), then the value, then what is allowed.
 */
final class SectionReader {

  private final Config config;
  private final String prefix;

  SectionReader(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  boolean has(String path) {
    return config.hasPath(path);
  }

  String string(String path) {
    try {
      return config.getString(path);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(path, "a string");
    }
  }

  String nonEmptyString(String path) {
    String s = string(path);
    if (s.isBlank()) throw new InvalidConfigException(key(path) + " is empty; expected a non-empty string");
    return s;
  }

  /** A string that must be one of {@code allowed}. */
  String choice(String path, List<String> allowed, String what) {
    String s = string(path);
    if (!allowed.contains(s)) {
      throw new InvalidConfigException(key(path) + " = \"" + s + "\" is not " + what + "; allowed: "
          + String.join(", ", allowed));
    }
    return s;
  }

  /** An enum value through its {@code fromConfig(key, value)}, whose message already names key and allowed values. */
  <E> E enumValue(String path, BiFunction<String, String, E> fromConfig) {
    String s = string(path);
    try {
      return fromConfig.apply(key(path), s);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(e.getMessage(), e);
    }
  }

  boolean bool(String path) {
    try {
      return config.getBoolean(path);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(path, "true or false");
    }
  }

  long longValue(String path) {
    Number n = number(path, "an integer");
    if (n instanceof Integer || n instanceof Long) return n.longValue();
    double d = n.doubleValue();
    // HOCON reads 1e3 as a double; accept it when it is a whole number that fits.
    if (d == Math.rint(d) && Math.abs(d) < 0x1p63) return (long) d;
    throw wrongType(path, "an integer");
  }

  int intAtLeast(String path, int min) {
    long v = longValue(path);
    if (v < min || v > Integer.MAX_VALUE) {
      throw outOfRange(path, leaf(path) + " >= " + min + (v > Integer.MAX_VALUE ? " and <= " + Integer.MAX_VALUE : ""));
    }
    return (int) v;
  }

  double doubleValue(String path) {
    double d = number(path, "a number").doubleValue();
    if (!Double.isFinite(d)) throw new InvalidConfigException(key(path) + " = " + rendered(path) + " is not a finite number");
    return d;
  }

  /** {@code lo < x} ({@code strictLo}) or {@code lo <= x}, and {@code x <= hi}; a null bound is open. */
  double doubleIn(String path, Double lo, boolean strictLo, Double hi) {
    double d = doubleValue(path);
    boolean ok = (lo == null || (strictLo ? d > lo : d >= lo)) && (hi == null || d <= hi);
    if (!ok) {
      String name = leaf(path);
      String range;
      if (hi == null) range = name + (strictLo ? " > " : " >= ") + fmt(lo);
      else if (lo == null) range = name + " <= " + fmt(hi);
      else range = fmt(lo) + (strictLo ? " < " : " <= ") + name + " <= " + fmt(hi);
      throw outOfRange(path, range);
    }
    return d;
  }

  double positive(String path) {
    return doubleIn(path, 0.0, true, null);
  }

  double nonNegative(String path) {
    return doubleIn(path, 0.0, false, null);
  }

  /** {@code > 0}, or the string {@code inf} for +infinity. */
  double positiveOrInf(String path) {
    if (config.hasPath(path) && config.getValue(path).valueType() == ConfigValueType.STRING && "inf".equals(config.getString(path))) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return positive(path);
    } catch (InvalidConfigException e) {
      throw new InvalidConfigException(key(path) + " = " + rendered(path) + " is not allowed; allowed: "
          + leaf(path) + " > 0, or \"inf\" for no limit");
    }
  }

  InvalidConfigException outOfRange(String path, String range) {
    return new InvalidConfigException(key(path) + " = " + rendered(path) + " is out of range; allowed: " + range);
  }

  String key(String path) {
    return prefix + path;
  }

  /** The prefix that names this section in messages, e.g. "topology.x.". */
  String prefix() {
    return prefix;
  }

  private Number number(String path, String expected) {
    try {
      return config.getNumber(path);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(path, expected);
    }
  }

  private InvalidConfigException wrongType(String path, String expected) {
    return new InvalidConfigException(key(path) + " = " + rendered(path) + " has the wrong type; expected " + expected);
  }

  private String rendered(String path) {
    try {
      return ConfigSchema.render(config.getValue(path));
    } catch (ConfigException.Null e) {
      return "null";
    }
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** Shortest plain decimal: 0.2 not 0.2000, 1 not 1.0; used in range texts and default labels. */
  static String fmt(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
