package dbo.job.output;

import dbo.runtime.MetricsRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of {@code metrics.csv} and {@code metrics.parquet}: every row is its lead values followed by the
 * values of one {@link MetricsRow}. A single run has no lead columns; a grid leads with its cell ({@code seed},
 * then one column per varied key), so the notebooks find the cell in the columns before {@code algorithm}.
 *
 * @param lead the lead columns, in front of {@link MetricsRow#COLUMNS}
 * @param rows every row's values, lead values first; lead values are never null
 */
public record MetricsTable(List<Lead> lead, List<List<Object>> rows) {

  /**
   * A lead column: its values are {@link Long} when {@code integer} (written to Parquet as a long), else
   * {@link String}.
   */
  public record Lead(String name, boolean integer) {}

  public MetricsTable {
    lead = List.copyOf(lead);
    rows = List.copyOf(rows);
  }

  /** The metric rows of a single run: no lead columns. */
  public static MetricsTable of(List<MetricsRow> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (MetricsRow r : rows) out.add(r.values());
    return new MetricsTable(List.of(), out);
  }

  /** The column names, lead columns first. */
  public List<String> header() {
    List<String> h = new ArrayList<>();
    for (Lead l : lead) h.add(l.name());
    h.addAll(MetricsRow.COLUMNS);
    return h;
  }
}
