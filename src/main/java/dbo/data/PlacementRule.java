package dbo.data;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a labelled data set is spread over n agents (ALGORITHMS.md section 9); {@link Placement#of} applies it.
 *
 * <ul>
 *   <li>{@code iid}: a uniform shuffle cut into shards; every agent sees about the global class mix.</li>
 *   <li>{@code dirichlet(alpha)}: label skew. For each class k, the shares q_k of the n agents are drawn from
 *       Dirichlet(alpha, ..., alpha) and class k's samples are dealt out in those shares (Hsu, Qi, Brown
 *       2019). <b>Smaller alpha means more skew</b>: alpha = {@value #SEVERE_ALPHA} is "severe" (most agents
 *       hold one or two dominant classes), alpha = {@value #MILD_ALPHA} is "mild" (every agent holds most
 *       classes in uneven proportions), and alpha -> infinity tends to iid. alpha > 0. Shard sizes vary
 *       with the draw as well.</li>
 *   <li>{@code sorted(s)}: pathological non-iid (McMahan et al. 2017): the data sorted by label is cut into
 *       n * s runs and each agent gets s of them at random, so each agent holds about s classes when
 *       n * s >= K (s >= 1, default {@value #DEFAULT_RUNS}).</li>
 * </ul>
 * {@code unequalShards} scales agent i's share by the factor {@link ShardSizes#factor} (log-uniform in
 * [0.25, 2]) before normalizing; for {@code dirichlet} it multiplies the Dirichlet shares.
 *
 * @param kind the rule
 * @param alpha Dirichlet concentration, > 0 (used by {@code dirichlet} only)
 * @param runs runs of sorted data per agent, >= 1 (used by {@code sorted} only)
 * @param unequalShards whether target shard sizes vary across agents
 */
public record PlacementRule(Kind kind, double alpha, int runs, boolean unequalShards) implements Serializable {
  /** The concentration of the "severe" label-skew preset. */
  public static final double SEVERE_ALPHA = 0.1;
  /** The concentration of the "mild" label-skew preset. */
  public static final double MILD_ALPHA = 1.0;
  /** Default runs per agent for {@code sorted}. */
  public static final int DEFAULT_RUNS = 2;

  /** The three rules. */
  public enum Kind { IID, DIRICHLET, SORTED }

  public PlacementRule {
    if (kind == null) throw new IllegalArgumentException("placement kind is missing; allowed: iid, dirichlet, sorted");
    if (kind == Kind.DIRICHLET && !(alpha > 0.0 && Double.isFinite(alpha))) {
      throw new IllegalArgumentException("dirichlet alpha = " + alpha + " is out of range; allowed: a finite"
          + " number > 0 (0.1 = severe skew, 1.0 = mild)");
    }
    if (kind == Kind.SORTED && runs < 1) {
      throw new IllegalArgumentException("sorted runs = " + runs + " is out of range; allowed: an integer >= 1");
    }
  }

  public static PlacementRule iid() {
    return new PlacementRule(Kind.IID, 0.0, 0, false);
  }

  /** Dirichlet label skew; smaller alpha = more skew (0.1 severe, 1.0 mild). */
  public static PlacementRule dirichlet(double alpha) {
    return new PlacementRule(Kind.DIRICHLET, alpha, 0, false);
  }

  /** Each agent gets {@code runs} runs of the label-sorted data. */
  public static PlacementRule sorted(int runs) {
    return new PlacementRule(Kind.SORTED, 0.0, runs, false);
  }

  public PlacementRule withUnequalShards(boolean unequal) {
    return new PlacementRule(kind, alpha, runs, unequal);
  }

  private static final Pattern SYNTAX = Pattern.compile("(iid|dirichlet|sorted|mild|severe)(?:\\((.+)\\))?");

  /**
   * Parses a configuration value: {@code iid}, {@code dirichlet(ALPHA)}, {@code sorted} or
   * {@code sorted(RUNS)}, or the presets {@code mild} = dirichlet(1.0) and {@code severe} = dirichlet(0.1),
   * with equal shards. Errors start with the quoted value and say what is allowed; the config reader puts
   * the key in front.
   */
  public static PlacementRule parse(String value) {
    String allowed = "; allowed: iid, dirichlet(ALPHA) with ALPHA > 0 (smaller = more skew), sorted, sorted(RUNS),"
        + " mild (= dirichlet(1.0)), severe (= dirichlet(0.1))";
    String quoted = "\"" + value + "\"";
    Matcher m = SYNTAX.matcher(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) throw new IllegalArgumentException(quoted + " is not a placement" + allowed);
    String arg = m.group(2);
    try {
      PlacementRule rule = switch (m.group(1)) {
        case "iid" -> arg == null ? iid() : null;
        case "mild" -> arg == null ? dirichlet(MILD_ALPHA) : null;
        case "severe" -> arg == null ? dirichlet(SEVERE_ALPHA) : null;
        case "dirichlet" -> arg == null ? null : dirichlet(Double.parseDouble(arg.trim()));
        default -> sorted(arg == null ? DEFAULT_RUNS : Integer.parseInt(arg.trim()));
      };
      if (rule == null) throw new IllegalArgumentException(quoted + " is not a placement" + allowed);
      return rule;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(quoted + " has a bad number" + allowed);
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith(quoted)) throw e;
      throw new IllegalArgumentException(quoted + ": " + e.getMessage());
    }
  }

  /** The configuration spelling, e.g. {@code dirichlet(0.1)}. */
  public String configName() {
    return switch (kind) {
      case IID -> "iid";
      case DIRICHLET -> "dirichlet(" + alpha + ")";
      case SORTED -> "sorted(" + runs + ")";
    };
  }

  @Override
  public String toString() {
    return configName() + (unequalShards ? ", unequal shards" : "");
  }
}
