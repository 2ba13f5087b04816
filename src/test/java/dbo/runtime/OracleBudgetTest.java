package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run.oracle-budget: every algorithm stops at the first logged iteration that reaches the same budget. */
class OracleBudgetTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(4, Heterogeneity.MILD, 3L);

  private static RunResult run(dbo.algorithm.AgentAlgorithm<?> a, long budget) {
    LoopSettings settings = new LoopSettings(100_000, 5, 0.0, 1e12, 1e9, budget);
    try (InProcessEngine engine = new InProcessEngine(PROBLEM, Fixtures.ring(4))) {
      return new IterationLoop(PROBLEM, Fixtures.ring(4), settings, Fixtures.SILENT).run(engine, a);
    }
  }

  @Test
  void stopsAtTheFirstLoggedIterationReachingTheBudget() {
    // SLDBO on 4 agents: 4 oracles per agent per iteration (16 per iteration, 16 more at the start).
    RunResult sldbo = run(Fixtures.sldbo(), 1000);
    assertEquals(Outcome.BUDGET, sldbo.outcome());
    assertEquals(65, sldbo.iterations(), "16 + 16 k >= 1000 first at k = 62, logged at 65");
    assertEquals(16 + 16 * 65, sldbo.last().oracleCalls());
    assertTrue(sldbo.message().contains("run.oracle-budget = 1000"), sldbo.message());
    // S3LDBO(p = 0.2) pays about a fifth per iteration: same budget, about five times the iterations.
    RunResult s3 = run(Fixtures.s3ldbo(0.2, 9L), 1000);
    assertTrue(s3.last().oracleCalls() >= 1000, "stopped at " + s3.last().oracleCalls());
    List<MetricsRow> rows = s3.rows();
    assertTrue(rows.get(rows.size() - 2).oracleCalls() < 1000, "the previous logged row was under the budget");
    assertTrue(s3.iterations() > 3 * sldbo.iterations(), s3.iterations() + " iterations");
    // Without a budget the iteration count decides.
    assertEquals(100_000, new LoopSettings(100_000, 5, 0.0, 1e12, 1e9).iterations());
    assertEquals(0, new LoopSettings(100_000, 5, 0.0, 1e12, 1e9).oracleBudget());
    assertThrows(IllegalArgumentException.class, () -> new LoopSettings(10, 5, 0.0, 1e12, 1e9, -1));
  }
}
