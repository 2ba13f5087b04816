package dbo.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.linalg.Vectors;
import dbo.problem.Heterogeneity;
import dbo.problem.LocalProblem;
import dbo.problem.QuadraticProblem;
import dbo.runtime.Fixtures;
import dbo.runtime.InProcessEngine;
import dbo.runtime.IterationLoop;
import dbo.runtime.LoopSettings;
import dbo.runtime.MixingPlan;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** MA-DSBO-GT and MDBO (ALGORITHMS.md section 7): cost models, invariants, convergence. */
class BaselinesTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(16, Heterogeneity.SEVERE, 5);
  private static final MixingPlan TORUS = Fixtures.torus(4, 4);

  private static MaDsboGt maDsbo() {
    return new MaDsboGt("MA-DSBO-GT", Fixtures.STEPS, 0.5, MaDsboGt.DEFAULT_INNER_STEPS,
        MaDsboGt.DEFAULT_INNER_STEPS, 1, 0);
  }

  private static Mdbo mdbo(QuadraticProblem problem, int terms) {
    return new Mdbo("MDBO", Fixtures.STEPS, 0.5, terms, problem.smoothness(), 1, 0);
  }

  @Test
  void maDsboGtCountsEveryInnerOracleCall() {
    long k = 6;
    RunResult r = new IterationLoop(PROBLEM, TORUS, Fixtures.loop(k, 1), Fixtures.SILENT)
        .run(new InProcessEngine(PROBLEM, TORUS), new MaDsboGt("MA", Fixtures.STEPS, 0.5, 3, 4, 1, 0));
    long n = 16;
    assertEquals(n * (1 + 3 * k), r.totals().gradG);
    assertEquals(n * (1 + k), r.totals().gradF);
    assertEquals(n * (1 + 4 * k), r.totals().hvp);
    assertEquals(n * (1 + k), r.totals().jvp);
    // T + N rounds on the y, z graph and one on the x graph per outer step.
    assertEquals(8 * k, r.last().commRounds());
    assertEquals(k, r.last().commRoundsX());
    assertEquals(7 * k, r.last().commRoundsYz());
  }

  @Test
  void mdboPaysKHessianVectorProductsPerIteration() {
    long k = 5;
    RunResult r = new IterationLoop(PROBLEM, TORUS, Fixtures.loop(k, 1), Fixtures.SILENT)
        .run(new InProcessEngine(PROBLEM, TORUS), mdbo(PROBLEM, Mdbo.DEFAULT_NEUMANN_TERMS));
    long calls = 16 * (k + 1);
    assertEquals(calls, r.totals().gradG);
    assertEquals(calls, r.totals().gradF);
    assertEquals(10 * calls, r.totals().hvp);
    assertEquals(calls, r.totals().jvp);
    assertEquals(k, r.last().commRounds());
  }

  @Test
  void maDsboGtConvergesToTheClosedFormSolution() {
    IterationLoop loop = new IterationLoop(PROBLEM, TORUS, new LoopSettings(3000, 10, 1e-8, 1e12, 1e9),
        Fixtures.SILENT);
    RunResult r = loop.run(new InProcessEngine(PROBLEM, TORUS), maDsbo());
    assertEquals(Outcome.CONVERGED, r.outcome(), r.last().toString());
    assertTrue(r.rows().get(0).estimationError() > 1e-2);
  }

  @Test
  void maDsboGtTrackersKeepTheMeansOfTheirDirections() {
    InProcessEngine engine = new InProcessEngine(PROBLEM, TORUS);
    engine.start(maDsbo());
    for (long k = 1; k <= 40; k++) {
      engine.iterate(k);
      List<MaDsboGtState> states = engine.states(MaDsboGtState.class);
      assertMeansAgree(states, MaDsboGtState::s, MaDsboGtState::v, "s vs v", k);
      assertMeansAgree(states, MaDsboGtState::r, MaDsboGtState::p, "r vs p", k);
      assertMeansAgree(states, MaDsboGtState::h, MaDsboGtState::m, "h vs m", k);
    }
  }

  @Test
  void mdboTrackersKeepTheMeansOfTheirMomenta() {
    InProcessEngine engine = new InProcessEngine(PROBLEM, TORUS);
    engine.start(mdbo(PROBLEM, 10));
    for (long k = 1; k <= 40; k++) {
      engine.iterate(k);
      List<MdboState> states = engine.states(MdboState.class);
      assertMeansAgree(states, MdboState::s, MdboState::a, "s vs a", k);
      assertMeansAgree(states, MdboState::h, MdboState::m, "h vs m", k);
    }
  }

  @Test
  void neumannEstimateApproachesTheLocalInverseAsTermsGrow() {
    LocalProblem shard = PROBLEM.build(3);
    double[] x = Vectors.scale(0.3, new double[] {1, -1, 2, 0, 1});
    double[] y = Vectors.scale(0.2, new double[] {1, 2, -1, 0, 1, 3, -2, 1});
    double[] g = shard.gradYUpper(x, y);
    double previous = Double.POSITIVE_INFINITY;
    for (int terms : new int[] {0, 10, 50, 400}) {
      OracleCounts c = new OracleCounts();
      double[] zhat = mdbo(PROBLEM, terms).neumann(shard, c, x, y, g);
      assertEquals(terms, c.hvp);
      // Residual of H zhat = grad_y f.
      double residual = Vectors.norm(Vectors.sub(shard.hessianVector(x, y, zhat), g)) / Vectors.norm(g);
      assertTrue(residual < previous, terms + " terms: residual " + residual);
      previous = residual;
    }
    assertTrue(previous < 1e-8, "400 terms: residual " + previous);
  }

  /**
   * With one agent the local Neumann series inverts the global H, and MDBO's only bias is the truncation:
   * the error at x* shrinks as K grows.
   */
  @Test
  void onOneAgentMdboApproachesTheSolutionAsTermsGrow() {
    QuadraticProblem single = Fixtures.quadratic(1, Heterogeneity.SEVERE, 5);
    MixingPlan alone = Fixtures.full(1);
    double previous = Double.POSITIVE_INFINITY;
    for (int terms : new int[] {2, 10, 60}) {
      RunResult r = new IterationLoop(single, alone, Fixtures.loop(4000, 4000), Fixtures.SILENT)
          .run(new InProcessEngine(single, alone), mdbo(single, terms));
      double err = r.last().estimationError();
      System.out.printf("MDBO on one agent, K = %d: estimation error %.3e%n", terms, err);
      assertTrue(err < previous, "K = " + terms + ": " + err);
      previous = err;
    }
    assertTrue(previous < 1e-6, "K = 60: " + previous);
  }

  @Test
  void invalidParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MaDsboGt("M", Fixtures.STEPS, 0.5, 0, 5, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new MaDsboGt("M", Fixtures.STEPS, 1.5, 5, 5, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Mdbo("M", Fixtures.STEPS, 0.5, -1, 1.0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Mdbo("M", Fixtures.STEPS, 0.5, 10, 0.0, 1, 0));
  }

  private static <S> void assertMeansAgree(List<S> states, Function<S, double[]> tracker,
      Function<S, double[]> direction, String what, long k) {
    int len = tracker.apply(states.get(0)).length;
    double[] meanTracker = new double[len];
    double[] meanDirection = new double[len];
    for (S s : states) {
      Vectors.addScaledInPlace(meanTracker, 1.0 / states.size(), tracker.apply(s));
      Vectors.addScaledInPlace(meanDirection, 1.0 / states.size(), direction.apply(s));
    }
    double gap = Math.sqrt(Vectors.distanceSquared(meanTracker, meanDirection));
    assertTrue(gap <= 1e-11 * Math.max(1.0, Vectors.norm(meanDirection)),
        what + " at iteration " + k + ": " + gap);
  }
}
