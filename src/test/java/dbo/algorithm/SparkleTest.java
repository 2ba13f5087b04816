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
import dbo.runtime.MixingPlan;
import dbo.runtime.Outcome;
import dbo.runtime.RunResult;
import dbo.topology.Graphs;
import dbo.topology.MixingMatrix;
import dbo.topology.MixingWeights;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPARKLE and D-SOBA (ALGORITHMS.md sections 6 and 7). */
class SparkleTest {
  private static final double THETA = 0.5;
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(8, Heterogeneity.SEVERE, 5);

  /**
   * Variants whose iterates are consensual after every step on a complete graph (A = W or W^2 = 11'/n),
   * so that every agent evaluates its oracles at the common point. EXTRA is not among them: its A is I,
   * so s+ = W s - eta d - q keeps each agent's own direction and the agents' iterates differ even on the
   * complete graph; only their mean follows the centralized recursion.
   */
  static Stream<Arguments> consensualVariants() {
    return Stream.of(
        Arguments.of(SparkleVariant.of(Strategy.GT)),
        Arguments.of(SparkleVariant.of(Strategy.ED)),
        Arguments.of(SparkleVariant.of(Strategy.DSGD)),
        Arguments.of(new SparkleVariant(Strategy.ED, Strategy.GT)),
        Arguments.of(new SparkleVariant(Strategy.GT, Strategy.ED)),
        Arguments.of(new SparkleVariant(Strategy.DSGD, Strategy.GT)));
  }

  @ParameterizedTest
  @MethodSource("consensualVariants")
  void onTheCompleteGraphEveryAgentFollowsCentralizedSoba(SparkleVariant variant) {
    assertMatchesCentralized(new Sparkle(variant.label(), Fixtures.STEPS, variant, THETA, 1, 0), 1e-10);
  }

  @Test
  void dSobaOnTheCompleteGraphIsCentralizedSoba() {
    assertMatchesCentralized(new DSoba("D-SOBA", Fixtures.STEPS, THETA, false, 1e-5, 1, 0), 1e-10);
    // Forward differences are exact for a quadratic g up to rounding, about 1e-16 |grad g| / delta per
    // step; the tolerance allows that, not a modelling error.
    assertMatchesCentralized(new DSoba("D-SOBA-fo", Fixtures.STEPS, THETA, true, 1e-5, 1, 0), 1e-8);
  }

  /**
   * Runs {@code algorithm} on the complete graph (Metropolis weights: W = 11'/n) for 60 iterations beside
   * centralized SOBA on the averaged problem, written here from every agent's oracles:
   * y+ = y - beta v, z+ = z - gamma (H z - grad_y f), m+ = (1 - theta) m + theta u (m^0 = u^0),
   * x+ = x - alpha m+, with v, H z, grad f, u averaged over agents at the common (x, y, z).
   */
  private static void assertMatchesCentralized(AgentAlgorithm<?> algorithm, double tolerance) {
    int n = PROBLEM.agents();
    MixingPlan plan = Fixtures.full(n);
    InProcessEngine engine = new InProcessEngine(PROBLEM, plan);
    engine.start(algorithm);
    LocalProblem[] shards = new LocalProblem[n];
    for (int i = 0; i < n; i++) shards[i] = PROBLEM.build(i);
    double[] x = PROBLEM.initialX();
    double[] y = PROBLEM.initialY();
    double[] z = new double[PROBLEM.dimY()];
    double[] m = null;
    StepSizes s = Fixtures.STEPS;
    for (long k = 1; k <= 60; k++) {
      double[] v = new double[y.length];
      double[] p = new double[y.length];
      double[] u = new double[x.length];
      for (LocalProblem shard : shards) {
        Vectors.addScaledInPlace(v, 1.0 / n, shard.gradYLower(x, y));
        Vectors.addScaledInPlace(p, 1.0 / n, Vectors.sub(shard.hessianVector(x, y, z), shard.gradYUpper(x, y)));
        Vectors.addScaledInPlace(u, 1.0 / n, Vectors.sub(shard.gradXUpper(x, y), shard.jacobianVector(x, y, z)));
      }
      m = m == null ? u : Vectors.axpy(Vectors.scale(1.0 - THETA, m), THETA, u);
      y = Vectors.axpy(y, -s.beta(), v);
      z = Vectors.axpy(z, -s.gamma(), p);
      x = Vectors.axpy(x, -s.alpha(), m);
      engine.iterate(k);
      for (AgentState st : engine.states()) {
        assertClose(x, st.x(), tolerance, algorithm.label() + " x at " + k);
        assertClose(y, st.y(), tolerance, algorithm.label() + " y at " + k);
        assertClose(z, st.z(), tolerance, algorithm.label() + " z at " + k);
      }
    }
    // The comparison is not vacuous: x moved well away from its start.
    assertTrue(Vectors.norm(x) > 0.1, "||x|| = " + Vectors.norm(x));
  }

  private static void assertClose(double[] expected, double[] actual, double tol, String what) {
    double err = Math.sqrt(Vectors.distanceSquared(expected, actual)) / Math.max(1.0, Vectors.norm(expected));
    assertTrue(err <= tol, what + ": relative error " + err);
  }

  /**
   * Severe heterogeneity on a ring of 16 agents, every method with the same steps (the suite's standard
   * {@link Fixtures#STEPS}), theta and 1,000-iteration budget, and its default weights
   * (ALGORITHMS.md section 2: Metropolis for GT and D-SOBA, lazy Metropolis for EXTRA and ED, with which
   * EXTRA is stable; on the plain ring W it diverges).
   *
   * <p>Asserted: every corrected method ends at least 10x closer to x* than D-SOBA, which stalls at its
   * heterogeneity bias. Not asserted, because it does not hold at these steps: "ED and EXTRA at least
   * 100x closer than GT". Measured at 1,000 iterations with steps 0.02: D-SOBA 3.7e-1, GT 5.8e-17,
   * ED 7.5e-17, EXTRA 7.4e-17 (all three exact methods converge linearly at a rate the step, not the
   * network, limits). The gap appears with larger steps, where the ring limits GT: steps 0.05 give
   * GT 7.5e-12 against ED 2.5e-23; steps 0.01 give GT 2.4e-8, ED 2.4e-8.
   */
  @Test
  void correctedVariantsBeatDSobaOnARingUnderSevereHeterogeneity() {
    QuadraticProblem problem = Fixtures.quadratic(16, Heterogeneity.SEVERE, 5);
    MixingMatrix w = MixingWeights.metropolis(Graphs.ring(16));
    MixingPlan plain = MixingPlan.single(w);
    MixingPlan lazy = MixingPlan.single(w.lazy());
    StepSizes s = Fixtures.STEPS;
    double dSoba = finalError(problem, plain, new DSoba("D-SOBA", s, THETA, false, 1e-5, 1, 0));
    double gt = finalError(problem, plain, new Sparkle("SPARKLE-GT", s, SparkleVariant.of(Strategy.GT), THETA, 1, 0));
    double ed = finalError(problem, lazy, new Sparkle("SPARKLE-ED", s, SparkleVariant.of(Strategy.ED), THETA, 1, 0));
    double extra = finalError(problem, lazy,
        new Sparkle("SPARKLE-EXTRA", s, SparkleVariant.of(Strategy.EXTRA), THETA, 1, 0));
    double edGt = finalError(problem, plain,
        new Sparkle("SPARKLE-ED-GT", s, new SparkleVariant(Strategy.ED, Strategy.GT), THETA, 1, 0));
    System.out.printf("ring 16, severe, steps %s, 1000 iterations: D-SOBA %.3e, SPARKLE-GT %.3e, "
        + "SPARKLE-ED %.3e, SPARKLE-EXTRA %.3e, SPARKLE-ED-GT %.3e%n", s, dSoba, gt, ed, extra, edGt);
    assertTrue(gt <= dSoba / 10, "GT " + gt + " vs D-SOBA " + dSoba);
    assertTrue(ed <= dSoba / 10, "ED " + ed + " vs D-SOBA " + dSoba);
    assertTrue(extra <= dSoba / 10, "EXTRA " + extra + " vs D-SOBA " + dSoba);
    assertTrue(edGt <= dSoba / 10, "ED-GT " + edGt + " vs D-SOBA " + dSoba);
    // D-SOBA stalls at a bias, the corrected methods reach x* to within rounding.
    assertTrue(dSoba > 1e-2 && Math.max(Math.max(gt, ed), extra) < 1e-12);
  }

  private static double finalError(QuadraticProblem problem, MixingPlan plan, AgentAlgorithm<?> a) {
    IterationLoop loop = new IterationLoop(problem, plan, Fixtures.loop(1000, 1000), Fixtures.SILENT);
    RunResult r = loop.run(new InProcessEngine(problem, plan), a);
    assertEquals(Outcome.BUDGET, r.outcome(), a.label() + ": " + r.message());
    return r.last().estimationError();
  }

  @Test
  void oracleCountsFollowTheCostModel() {
    MixingPlan plan = Fixtures.ring(8);
    long k = 7;
    for (AgentAlgorithm<?> a : List.of(
        new Sparkle("GT", Fixtures.STEPS, SparkleVariant.of(Strategy.GT), THETA, 1, 0),
        new Sparkle("ED", Fixtures.STEPS, SparkleVariant.of(Strategy.ED), THETA, 1, 0),
        new DSoba("D-SOBA", Fixtures.STEPS, THETA, false, 1e-5, 1, 0))) {
      RunResult r = new IterationLoop(PROBLEM, plan, Fixtures.loop(k, 1), Fixtures.SILENT)
          .run(new InProcessEngine(PROBLEM, plan), a);
      long calls = 8 * (k + 1);
      assertEquals(calls, r.totals().gradF, a.label());
      assertEquals(calls, r.totals().gradG, a.label());
      assertEquals(calls, r.totals().hvp, a.label());
      assertEquals(calls, r.totals().jvp, a.label());
    }
    RunResult fo = new IterationLoop(PROBLEM, plan, Fixtures.loop(k, 1), Fixtures.SILENT)
        .run(new InProcessEngine(PROBLEM, plan), new DSoba("D-SOBA-fo", Fixtures.STEPS, THETA, true, 1e-5, 1, 0));
    assertEquals(8 * (k + 1), fo.totals().gradF);
    assertEquals(3 * 8 * (k + 1), fo.totals().gradG);
    assertEquals(0, fo.totals().hvp);
    assertEquals(0, fo.totals().jvp);
  }

  @Test
  void gtCostsTwoRoundsPerIterationAndEdOne() {
    StepSizes s = Fixtures.STEPS;
    Sparkle gt = new Sparkle("GT", s, SparkleVariant.of(Strategy.GT), THETA, 1, 0);
    Sparkle edGt = new Sparkle("ED-GT", s, new SparkleVariant(Strategy.ED, Strategy.GT), THETA, 1, 0);
    Sparkle ed = new Sparkle("ED", s, SparkleVariant.of(Strategy.ED), THETA, 1, 0);
    assertEquals(2, gt.rounds());
    assertEquals(1, ed.rounds());
    assertEquals(2, edGt.rounds());
    // x (p = 5) on both GT rounds; y, z (q = 8 each) on ED's single round only.
    assertEquals(List.of(5, 16), List.of(edGt.messageLengths(0, 5, 8)[0], edGt.messageLengths(0, 5, 8)[1]));
    assertEquals(List.of(5, 0), List.of(edGt.messageLengths(1, 5, 8)[0], edGt.messageLengths(1, 5, 8)[1]));
  }

  @Test
  void variantsNameThemselves() {
    assertEquals("SPARKLE-ED-GT", new SparkleVariant(Strategy.ED, Strategy.GT).label());
    assertEquals("SPARKLE-EXTRA", SparkleVariant.of(Strategy.EXTRA).label());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sparkle("S", Fixtures.STEPS, SparkleVariant.of(Strategy.ED), 0.0, 1, 0));
    assertTrue(e.getMessage().contains("theta"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new DSoba("D", Fixtures.STEPS, 0.5, true, 0.0, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new Sparkle("S", Fixtures.STEPS, SparkleVariant.of(Strategy.ED), 0.5, 1, -1));
  }
}
