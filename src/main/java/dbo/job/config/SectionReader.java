package dbo.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed, range-checked reads from one (resolved) config tree. Every failure is an
 * {@link InvalidConfigException} whose message starts with the key path as the user would write it
 * ({@code prefix + path}, e.g. {@code algorithms[1].p}), then the value, then what is allowed.
 * It remembers the keys it was asked for ({@link #used()}), so that keys nothing read can be refused.
 */
public final class SectionReader {

  private final Config config;
  private final String prefix;
  private final Set<String> used = new LinkedHashSet<>();

  SectionReader(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  boolean has(String path) {
    return config.hasPath(path);
  }

  /** The sub-section at {@code path}, for a reader of its own. */
  Config section(String path) {
    used.add(path);
    return config.getConfig(path);
  }

  /** The paths read so far. */
  Set<String> used() {
    return Set.copyOf(used);
  }

  String string(String path) {
    used.add(path);
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

  /**
   * The constant of {@code type} whose {@link #spelling} is the value; otherwise the message names the key,
   * the value, {@code what} (e.g. "a topology") and every allowed spelling.
   */
  <E extends Enum<E>> E enumValue(String path, Class<E> type, String what) {
    String s = string(path);
    for (E e : type.getEnumConstants()) if (spelling(e).equals(s)) return e;
    throw new InvalidConfigException(key(path) + " = \"" + s + "\" is not " + what + "; allowed: " + spellings(type));
  }

  /**
   * How a constant is written in configuration: its name in lower case with dashes, e.g. SHARED_COIN is
   * {@code shared-coin}. The one spelling rule of every configured enum.
   */
  public static String spelling(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every constant of {@code type} as spelled in configuration, comma-separated. */
  public static <E extends Enum<E>> String spellings(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(SectionReader::spelling).collect(Collectors.joining(", "));
  }

  /**
   * A value in a small syntax of its own (e.g. a placement rule), parsed by {@code parser}, whose
   * {@link IllegalArgumentException} message starts with the quoted value; the key is put in front.
   */
  <T> T parsed(String path, java.util.function.Function<String, T> parser) {
    String s = string(path);
    try {
      return parser.apply(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key(path) + " = " + e.getMessage(), e);
    }
  }

  boolean bool(String path) {
    used.add(path);
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
    used.add(path);
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
    used.add(path);
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
