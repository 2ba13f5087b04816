package dbo.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.runtime.Fixtures;
import dbo.runtime.InProcessEngine;
import dbo.runtime.IterationLoop;
import dbo.runtime.LoopSettings;
import dbo.runtime.MixingPlan;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import dbo.linalg.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SLDBO reaches the closed-form x* of the quadratic problem (ALGORITHMS.md sections 4 and 8). */
class SldboTest {

  @ParameterizedTest
  @ValueSource(strings = {"torus", "full"})
  void convergesToTheClosedFormSolution(String graph) {
    QuadraticProblem problem = Fixtures.quadratic(16, Heterogeneity.SEVERE, 5);
    MixingPlan plan = graph.equals("torus") ? Fixtures.torus(4, 4) : Fixtures.full(16);
    IterationLoop loop = new IterationLoop(problem, plan, new LoopSettings(4000, 10, 1e-8, 1e12, 1e9),
        Fixtures.SILENT);
    InProcessEngine engine = new InProcessEngine(problem, plan);
    RunResult r = loop.run(engine, Fixtures.sldbo());
    assertEquals(Outcome.CONVERGED, r.outcome(), "SLDBO on " + graph + ": " + r.last());
    double[] xStar = problem.solution().orElseThrow();
    double error = 0;
    for (AgentState s : engine.states()) error += Vectors.distanceSquared(s.x(), xStar);
    assertTrue(error <= 1e-8, "sum_i ||x_i - x*||^2 = " + error);
    // Started far away: the initial error was not already small.
    assertTrue(r.rows().get(0).estimationError() > 1e-2);
    // Every iteration costs every agent one call of each oracle type.
    long calls = 16L * (r.iterations() + 1);
    assertEquals(calls, r.totals().gradF);
    assertEquals(calls, r.totals().gradG);
    assertEquals(calls, r.totals().hvp);
    assertEquals(calls, r.totals().jvp);
  }
}
