package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import org.junit.jupiter.api.Test;

/**
 * Without periodic checkpoints an iterative RDD job's lineage grows by a few RDDs per iteration until
 * task serialization overflows the stack. A 5,000-iteration Spark run must finish with a short lineage.
 */
@LocalSpark.Shared
class LongRunLineageTest {
  @Test
  void fiveThousandIterationsFinishWithABoundedLineage() {
    QuadraticProblem problem = new QuadraticProblem(2, 2, 3, 1.0, 1.0, 10, Heterogeneity.SEVERE, false, 3);
    MixingPlan plan = Fixtures.ring(2);
    try (SparkEngine engine = new SparkEngine(LocalSpark.shared(), problem, plan, 10)) {
      IterationLoop loop = new IterationLoop(problem, plan, new LoopSettings(5000, 1000, 0.0, 1e12, 1e9),
          Fixtures.SILENT);
      RunResult r = loop.run(engine, Fixtures.sldbo());
      assertEquals(Outcome.BUDGET, r.outcome(), r.message());
      assertEquals(5000, r.iterations());
      assertEquals(2L * 5001, r.totals().gradG);
      assertTrue(r.last().estimationError() < 1e-12, "the run also converged: " + r.last());
      int depth = engine.lineageDepth();
      assertTrue(depth < 60, "lineage after 5,000 iterations has " + depth + " lines");
    }
  }
}
