package dbo.problem;

import java.io.Serializable;

/**
 * One shard's additive contribution to the metrics of a model. Every field is a sum over agents, so ratios
 * (test accuracy, flag precision and recall) are formed only once, from the summed counts.
 *
 * @param upperLoss f_i at the evaluated model (the runner reports the mean over agents)
 * @param testCorrect number of correctly classified test samples (0 where not applicable)
 * @param testCount number of test samples; 0 means the problem has no test accuracy
 * @param scored training samples whose weight was scored (hyper-cleaning); 0 means the problem has no
 *     sample weights, and flag precision and recall do not apply
 * @param flagged scored samples flagged as corrupted (weight sigmoid(x_s) below one half)
 * @param corrupted scored samples whose observed label is wrong
 * @param flaggedCorrupted samples both flagged and corrupted (the true positives)
 */
public record Evaluation(double upperLoss, double testCorrect, double testCount, long scored, long flagged,
                         long corrupted, long flaggedCorrupted) implements Serializable {
  /** An evaluation without sample weights (every problem but hyper-cleaning). */
  public Evaluation(double upperLoss, double testCorrect, double testCount) {
    this(upperLoss, testCorrect, testCount, 0, 0, 0, 0);
  }

  public static Evaluation lossOnly(double upperLoss) {
    return new Evaluation(upperLoss, 0.0, 0.0);
  }

  public Evaluation plus(Evaluation o) {
    return new Evaluation(upperLoss + o.upperLoss, testCorrect + o.testCorrect, testCount + o.testCount,
        scored + o.scored, flagged + o.flagged, corrupted + o.corrupted, flaggedCorrupted + o.flaggedCorrupted);
  }

  /** flaggedCorrupted / flagged; NaN where nothing was scored or nothing is flagged (e.g. at x = 0). */
  public double flagPrecision() {
    return scored == 0 || flagged == 0 ? Double.NaN : flaggedCorrupted / (double) flagged;
  }

  /** flaggedCorrupted / corrupted; NaN where nothing was scored or nothing is corrupted. */
  public double flagRecall() {
    return scored == 0 || corrupted == 0 ? Double.NaN : flaggedCorrupted / (double) corrupted;
  }
}
