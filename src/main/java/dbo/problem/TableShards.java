package dbo.problem;

import dbo.data.TableSource;
import java.io.Serializable;
import java.util.List;

/**
 * How a {@link RemoteData.Table} problem's shards are made from the rows of its table: who holds each row,
 * and how one agent's rows (in any order) become its shard, equal bit for bit to {@code spec.build(agent)}.
 * Serializable and small (a few ints per row), so a runner can ship it to where the rows are read.
 */
public interface TableShards extends Serializable {
  /** The labels scan of the table (its line numbers locate the rows). */
  TableSource.Labels labels();

  /** Per table row, the agent holding it, or -1 for unused rows. */
  int[] agentOfRow();

  /** Agent {@code agent}'s shard from its rows of the table, in any order. */
  LocalProblem assemble(int agent, List<TableSource.Row> rows);

  /** The agent's smoothness term computed from its shard (see {@link RemoteData#smoothnessFrom}). */
  double smoothnessTerm(LocalProblem shard);
}
