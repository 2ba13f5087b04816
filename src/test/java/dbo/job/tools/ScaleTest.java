package dbo.job.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.OracleCounts;
import dbo.problem.Heterogeneity;
import dbo.problem.HyperparameterShape;
import dbo.problem.LogisticHpoProblem;
import dbo.runtime.AgentReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code jobs/scale}'s measurement of one size, on a tiny in-process version of the shipped scale config (not
 * timed): the result line round-trips through the parser the parent uses, and the flop count follows the
 * formula of {@link ScaleMeasurement}.
 */
class ScaleTest {
  private static final Path CONFIG = Path.of("conf/experiments/logistic-scale.conf");

  @Test
  void oneSizeInProcessGivesAParsableLine() throws Exception {
    List<String> tiny = List.of("problem.agents=4", "problem.logistic.features=5", "problem.logistic.classes=3",
        "problem.logistic.test=10");
    ScaleMeasurement.Result r = ScaleMeasurement.measure(CONFIG, 400, "in-process", "local[2]", tiny, null, 1, 1, 2);
    assertEquals(400, r.samples());
    assertEquals(100, r.perAgent());
    assertEquals(8L * 4 * (100 + 12 + 10) * 5, r.featureBytes(), "train 100, validation 100 / 8, test 10 rows");
    assertTrue(r.flopsPerIteration() > 0 && r.secondsPerIteration() > 0 && r.liveHeap() > 0, r.line());
    ScaleMeasurement.Result back = ScaleMeasurement.Result.parse(r.line());
    assertEquals(r.line(), back.line());
  }

  @Test
  void flopsFollowTheFormula() {
    LogisticHpoProblem p = new LogisticHpoProblem(2, 5, 3, HyperparameterShape.PER_FEATURE, 40, 10, 0,
        Heterogeneity.IID, false, 1L, -2.0);
    double[] none = new double[0];
    List<AgentReport> before = List.of(new AgentReport(0, none, none, none, none, new OracleCounts(1, 1, 1, 1), 0, true),
        new AgentReport(1, none, none, none, none, new OracleCounts(0, 0, 0, 0), 0, true));
    List<AgentReport> after = List.of(new AgentReport(0, none, none, none, none, new OracleCounts(2, 3, 4, 9), 0, true),
        new AgentReport(1, none, none, none, none, new OracleCounts(1, 1, 1, 1), 0, true));
    double dc = 5 * 3;
    double agent0 = 1 * 4 * 10 * dc + 2 * 4 * 40 * dc + 3 * 6 * 40 * dc;
    double agent1 = 4 * 10 * dc + 4 * 40 * dc + 6 * 40 * dc;
    assertEquals(agent0 + agent1, ScaleMeasurement.flops(p, before, after));
  }
}
