package dbo.problem;

import java.io.Serializable;

/**
 * One shard's additive contribution to the metrics of a model.
 *
 * @param upperLoss f_i at the evaluated model (the runner reports the mean over agents)
 * @param testCorrect number of correctly classified test samples (0 where not applicable)
 * @param testCount number of test samples; 0 means the problem has no test accuracy
 */
public record Evaluation(double upperLoss, double testCorrect, double testCount) implements Serializable {
  public static Evaluation lossOnly(double upperLoss) {
    return new Evaluation(upperLoss, 0.0, 0.0);
  }

  public Evaluation plus(Evaluation o) {
    return new Evaluation(upperLoss + o.upperLoss, testCorrect + o.testCorrect, testCount + o.testCount);
  }
}
