package dbo.job.grid;

import dbo.job.output.MetricsTable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One cell of a grid: a seed and one value of every varied key, applied as overrides on top of the
 * user's own --set overrides.
 *
 * @param values the varied values in the order of the grid's keys, as HOCON text
 */
public record GridCell(int index, long seed, List<String> values, List<String> overrides) implements Serializable {

  /** Every combination of seeds and values: seeds vary slowest, the last key fastest. */
  public static List<GridCell> expand(List<Long> seeds, Map<String, List<String>> vary, List<String> userOverrides) {
    List<List<String>> combos = new ArrayList<>();
    combos.add(List.of());
    for (List<String> values : vary.values()) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : combos) {
        for (String v : values) {
          List<String> c = new ArrayList<>(prefix);
          c.add(v);
          next.add(c);
        }
      }
      combos = next;
    }
    List<String> keys = new ArrayList<>(vary.keySet());
    List<GridCell> cells = new ArrayList<>();
    for (long seed : seeds) {
      for (List<String> combo : combos) {
        List<String> overrides = new ArrayList<>(userOverrides);
        overrides.add("seed=" + seed);
        for (int k = 0; k < keys.size(); k++) overrides.add(keys.get(k) + "=" + combo.get(k));
        cells.add(new GridCell(cells.size(), seed, List.copyOf(combo), List.copyOf(overrides)));
      }
    }
    return cells;
  }

  /**
   * The columns that name a cell in a grid's tables: {@code seed}, then one per varied key, its '.' and '-'
   * written as '_'.
   */
  public static List<MetricsTable.Lead> columns(Collection<String> keys) {
    List<MetricsTable.Lead> cols = new ArrayList<>();
    cols.add(new MetricsTable.Lead("seed", true));
    for (String k : keys) cols.add(new MetricsTable.Lead(k.replace('.', '_').replace('-', '_'), false));
    return cols;
  }

  /** This cell's values in {@link #columns}: the seed, then the varied values without their quotes. */
  public List<Object> columnValues() {
    List<Object> out = new ArrayList<>();
    out.add(seed);
    out.addAll(plainValues());
    return out;
  }

  /** The varied values without their quotes, in the order of the grid's keys. */
  public List<String> plainValues() {
    return values.stream().map(GridCell::plain).toList();
  }

  /** For progress and messages: "seed=1 key=value ...", {@code keys} being the grid's varied keys. */
  public String describe(Collection<String> keys) {
    List<String> parts = new ArrayList<>();
    parts.add("seed=" + seed);
    List<String> plain = plainValues();
    int k = 0;
    for (String key : keys) parts.add(key + "=" + plain.get(k++));
    return String.join(" ", parts);
  }

  /** A value for display and tables: HOCON strings without their quotes. */
  public static String plain(String hocon) {
    return hocon.length() >= 2 && hocon.startsWith("\"") && hocon.endsWith("\"")
        ? hocon.substring(1, hocon.length() - 1) : hocon;
  }
}
