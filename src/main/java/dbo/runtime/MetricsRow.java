package dbo.runtime;

import java.io.Serializable;
import java.util.List;

/**
 * One logged iteration of one algorithm (ALGORITHMS.md section 10). Oracle and communication counts are
 * cumulative sums over agents. NaN marks a metric that does not apply (estimation error where x* is
 * unknown, test accuracy where the problem has no test set); it is written as an empty field.
 *
 * <p>Communication: {@code commRounds} counts the rounds in which anything was sent and {@code floatsSent}
 * all floats sent; the per-level columns split them by graph: rounds with a nonempty part and floats sent
 * on the x graph (upper parts) and on the y, z graph (lower parts), 2 * edges * length per round each.
 *
 * <p>{@code flagPrecision} and {@code flagRecall} (hyper-cleaning only, NaN elsewhere): of the training
 * samples whose averaged weight sigmoid(xbar_s) is below one half (flagged), the fraction whose label is
 * corrupted, and of the corrupted samples the fraction flagged; formed from counts summed over agents.
 *
 * <p>{@code objective}, {@code testLoss}, {@code testError} (NaN where the problem has none; policy
 * evaluation has all three): the mean over agents of f_i(xbar, y*(xbar)) with the exact lower-level solution
 * (the training MSPBE), of the agents' losses on their held-out data (held-out MSPBE), and of the error
 * against the problem's population reference (the value error ||Phi(xbar - x_pop)||_d).
 *
 * <p>{@code bytesSent}: all bytes sent, both graphs: 8 per float uncompressed; with compressed messages what
 * the compressor's wire encoding takes ({@link dbo.algorithm.compression.Compressor#bytes}), while
 * {@code floatsSent} then counts the numbers sent (kept values, quantizer scales and codes; no indices).
 */
public record MetricsRow(String algorithm, long iteration, double wallSeconds, long gradF, long gradG,
    long hvp, long jvp, long commRounds, long floatsSent, double consensusError, double estimationError,
    double hypergradNorm, double upperLoss, double testAccuracy, double refreshedFraction,
    long commRoundsX, long commRoundsYz, long floatsSentX, long floatsSentYz, double flagPrecision,
    double flagRecall, double objective, double testLoss, double testError, long bytesSent)
    implements Serializable {

  /** Column names, in the order of {@link #values()}. */
  public static final List<String> COLUMNS = List.of("algorithm", "iteration", "wall_s", "grad_f", "grad_g",
      "hvp", "jvp", "comm_rounds", "floats_sent", "consensus_error", "estimation_error", "hypergrad_norm",
      "upper_loss", "test_accuracy", "refreshed_fraction", "comm_rounds_x", "comm_rounds_yz", "floats_sent_x",
      "floats_sent_yz", "flag_precision", "flag_recall", "objective", "test_loss", "test_error",
      "bytes_sent");

  /** The row's values in column order. */
  public List<Object> values() {
    return List.of(algorithm, iteration, wallSeconds, gradF, gradG, hvp, jvp, commRounds, floatsSent,
        consensusError, estimationError, hypergradNorm, upperLoss, testAccuracy, refreshedFraction,
        commRoundsX, commRoundsYz, floatsSentX, floatsSentYz, flagPrecision, flagRecall, objective, testLoss,
        testError, bytesSent);
  }

  /** All oracle calls so far (gradient evaluations, an HVP or JVP counting as one). */
  public long oracleCalls() {
    return gradF + gradG + hvp + jvp;
  }

  /** The same row without wall time, for comparing runs that must agree bit for bit. */
  public MetricsRow withoutWallTime() {
    return new MetricsRow(algorithm, iteration, 0.0, gradF, gradG, hvp, jvp, commRounds, floatsSent,
        consensusError, estimationError, hypergradNorm, upperLoss, testAccuracy, refreshedFraction,
        commRoundsX, commRoundsYz, floatsSentX, floatsSentYz, flagPrecision, flagRecall, objective, testLoss,
        testError, bytesSent);
  }
}
