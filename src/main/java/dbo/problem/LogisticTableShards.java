package dbo.problem;

import dbo.data.Dataset;
import dbo.data.TableSource;
import java.util.List;

/**
 * {@link LogisticHpoTableProblem}'s shards from rows read elsewhere: an agent's train, validation and test
 * rows, each in ascending row order, with the driver's labels, give the same {@link LogisticHpoShard} as
 * {@link LogisticHpoTableProblem#build} reading the whole table.
 *
 * @param name the table's name (its path), for error messages
 * @param layout where every row goes
 * @param shape per-feature or scalar hyperparameters
 */
record LogisticTableShards(String name, TableLayout layout, HyperparameterShape shape) implements TableShards {
  private static final long serialVersionUID = 1L;

  @Override
  public TableSource.Labels labels() {
    return layout.labels();
  }

  @Override
  public int[] agentOfRow() {
    return layout.agentOfRow();
  }

  @Override
  public LocalProblem assemble(int agent, List<TableSource.Row> rows) {
    Dataset[] parts = new Dataset[3];
    for (int role = 0; role < 3; role++) {
      parts[role] = TableSource.assemble(name, rows, layout.rows()[role][agent], layout.labels());
    }
    return LogisticHpoTableProblem.shard(parts, layout.classes(), shape);
  }

  /** {@link LogisticHpoShard#curvatureBound()}. */
  @Override
  public double smoothnessTerm(LocalProblem shard) {
    return ((LogisticHpoShard) shard).curvatureBound();
  }
}
