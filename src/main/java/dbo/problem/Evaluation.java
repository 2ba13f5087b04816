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
 * @param objective f_i(x, y*(x)): f_i at the model's x with the exact lower-level solution y*(x) of the whole
 *     team (policy evaluation: agent i's part of the training MSPBE), for problems that can solve the lower
 *     level in closed form; 0 elsewhere
 * @param testLoss the agent's loss of the model on its held-out data (policy evaluation: the MSPBE of its
 *     held-out transitions); 0 where not applicable
 * @param testError the model's error against the problem's population reference as this agent computes it
 *     (policy evaluation: the value error ||Phi(x - x_pop)||_d, the same for every agent); 0 where not
 *     applicable
 * @param reporting the number of agents that reported objective, testLoss and testError; 0 means the
 *     problem has none of them, and the runner reports each as its sum over agents divided by this
 */
public record Evaluation(double upperLoss, double testCorrect, double testCount, long scored, long flagged,
                         long corrupted, long flaggedCorrupted, double objective, double testLoss,
                         double testError, long reporting) implements Serializable {
  /** An evaluation without sample weights (every problem but hyper-cleaning). */
  public Evaluation(double upperLoss, double testCorrect, double testCount) {
    this(upperLoss, testCorrect, testCount, 0, 0, 0, 0);
  }

  /** An evaluation without objective, test loss and test error. */
  public Evaluation(double upperLoss, double testCorrect, double testCount, long scored, long flagged,
                    long corrupted, long flaggedCorrupted) {
    this(upperLoss, testCorrect, testCount, scored, flagged, corrupted, flaggedCorrupted, 0, 0, 0, 0);
  }

  /** One agent's upper loss, objective, test loss and test error (a problem without accuracy or weights). */
  public static Evaluation withReference(double upperLoss, double objective, double testLoss, double testError) {
    return new Evaluation(upperLoss, 0, 0, 0, 0, 0, 0, objective, testLoss, testError, 1);
  }

  public static Evaluation lossOnly(double upperLoss) {
    return new Evaluation(upperLoss, 0.0, 0.0);
  }

  public Evaluation plus(Evaluation o) {
    return new Evaluation(upperLoss + o.upperLoss, testCorrect + o.testCorrect, testCount + o.testCount,
        scored + o.scored, flagged + o.flagged, corrupted + o.corrupted, flaggedCorrupted + o.flaggedCorrupted,
        objective + o.objective, testLoss + o.testLoss, testError + o.testError, reporting + o.reporting);
  }

  /** objective / reporting; NaN where no agent reported it. */
  public double meanObjective() {
    return reporting == 0 ? Double.NaN : objective / reporting;
  }

  /** testLoss / reporting; NaN where no agent reported it. */
  public double meanTestLoss() {
    return reporting == 0 ? Double.NaN : testLoss / reporting;
  }

  /** testError / reporting; NaN where no agent reported it. */
  public double meanTestError() {
    return reporting == 0 ? Double.NaN : testError / reporting;
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
