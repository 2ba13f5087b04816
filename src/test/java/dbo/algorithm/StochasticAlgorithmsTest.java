package dbo.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.problem.Heterogeneity;
import dbo.problem.HyperparameterShape;
import dbo.problem.LogisticHpoProblem;
import dbo.problem.ProblemSpec;
import dbo.problem.QuadraticProblem;
import dbo.runtime.Fixtures;
import dbo.runtime.InProcessEngine;
import dbo.runtime.IterationLoop;
import dbo.runtime.MixingPlan;
import dbo.runtime.RunResult;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Stochastic (mini-batch) oracles in every algorithm (ALGORITHMS.md section 6, option {@code batch}).
 * A batch of a whole shard selects every row in order, and the views then rebuild exactly the shard's
 * operators (the same kernels on the same rows), so the stochastic path equals the deterministic one bit
 * for bit, not only to 1e-12.
 */
class StochasticAlgorithmsTest {
  private static final QuadraticProblem QUADRATIC = Fixtures.quadratic(6, Heterogeneity.SEVERE, 11);
  private static final MixingPlan PLAN = Fixtures.torus(2, 3);
  /** The quadratic fixture's shard size (equal shards). */
  private static final int SHARD = QUADRATIC.samples();

  /** Every algorithm, as a function of its batch size. */
  static List<IntFunction<AgentAlgorithm<?>>> algorithms() {
    StepSizes s = Fixtures.STEPS;
    return List.of(
        b -> new Sldbo("SLDBO", s, 3, b),
        b -> new SnapshotSldbo("S3LDBO", s, RefreshRule.BERNOULLI, 0.4, 1, false, SnapshotMode.OUTPUTS, 3, b),
        b -> new SnapshotSldbo("S3LDBO-op", s, RefreshRule.BERNOULLI, 0.4, 1, false, SnapshotMode.OPERATORS, 3, b),
        b -> new Sparkle("SPARKLE-ED-GT", s, new SparkleVariant(Strategy.ED, Strategy.GT), 0.5, 3, b),
        b -> new Sparkle("SPARKLE-EXTRA", s, SparkleVariant.of(Strategy.EXTRA), 0.5, 3, b),
        b -> new DSoba("D-SOBA", s, 0.5, false, 1e-5, 3, b),
        b -> new DSoba("D-SOBA-fo", s, 0.5, true, 1e-5, 3, b),
        b -> new Mdbo("MDBO", s, 0.5, 10, QUADRATIC.smoothness(), 3, b),
        b -> new MaDsboGt("MA-DSBO-GT", s, 0.5, 2, 3, 3, b));
  }

  @Test
  void aBatchOfTheWholeShardIsTheDeterministicMethodBitForBit() {
    for (IntFunction<AgentAlgorithm<?>> make : algorithms()) {
      assertSameStates(QUADRATIC, PLAN, make.apply(0), make.apply(SHARD), 25);
    }
    LogisticHpoProblem logistic = new LogisticHpoProblem(4, 5, 3, HyperparameterShape.PER_FEATURE, 30, 20, 10,
        Heterogeneity.MILD, false, 5, -1.0);
    // Larger than every split: clipped to each split, i.e. every row.
    assertSameStates(logistic, Fixtures.ring(4), algorithms().get(3).apply(0), algorithms().get(3).apply(1000), 10);
  }

  @Test
  void stochasticRunsAreReproducibleAndDependOnTheSeed() {
    StepSizes s = Fixtures.STEPS;
    for (IntFunction<AgentAlgorithm<?>> make : algorithms()) {
      assertSameStates(QUADRATIC, PLAN, make.apply(8), make.apply(8), 15);
    }
    RunResult a = run(new Sparkle("S", s, SparkleVariant.of(Strategy.ED), 0.5, 3, 8));
    RunResult b = run(new Sparkle("S", s, SparkleVariant.of(Strategy.ED), 0.5, 4, 8));
    RunResult full = run(new Sparkle("S", s, SparkleVariant.of(Strategy.ED), 0.5, 3, 0));
    assertFalse(a.last().estimationError() == b.last().estimationError(), "the seed changes the draws");
    assertFalse(a.last().estimationError() == full.last().estimationError(), "batches change the run");
    // Oracle counts do not depend on the batch: a call on a batch is one call.
    assertEquals(full.totals().toString(), a.totals().toString());
  }

  @Test
  void stochasticSparkleStillApproachesTheSolution() {
    RunResult r = new IterationLoop(QUADRATIC, PLAN, Fixtures.loop(1500, 1500), Fixtures.SILENT)
        .run(new InProcessEngine(QUADRATIC, PLAN),
            new Sparkle("S", Fixtures.STEPS, SparkleVariant.of(Strategy.ED), 0.5, 3, 10));
    double start = r.rows().get(0).estimationError();
    double end = r.last().estimationError();
    System.out.printf("SPARKLE-ED, batch 10 of %d: estimation error %.3e -> %.3e%n", SHARD, start, end);
    assertTrue(end < 0.05 * start, start + " -> " + end);
  }

  private static RunResult run(AgentAlgorithm<?> a) {
    return new IterationLoop(QUADRATIC, PLAN, Fixtures.loop(30, 30), Fixtures.SILENT)
        .run(new InProcessEngine(QUADRATIC, PLAN), a);
  }

  /** Runs both side by side and compares every vector and count of every agent every iteration. */
  private static void assertSameStates(ProblemSpec problem, MixingPlan plan, AgentAlgorithm<?> a,
      AgentAlgorithm<?> b, long iterations) {
    InProcessEngine ea = new InProcessEngine(problem, plan);
    InProcessEngine eb = new InProcessEngine(problem, plan);
    ea.start(a);
    eb.start(b);
    for (long k = 1; k <= iterations; k++) {
      ea.iterate(k);
      eb.iterate(k);
      for (int i = 0; i < problem.agents(); i++) {
        AgentState sa = ea.states().get(i);
        AgentState sb = eb.states().get(i);
        assertEquals(sa.getClass(), sb.getClass());
        List<double[]> va = sa.vectors();
        List<double[]> vb = sb.vectors();
        assertEquals(va.size(), vb.size(), a.label());
        for (int j = 0; j < va.size(); j++) {
          assertArrayEquals(va.get(j), vb.get(j), a.label() + " agent " + i + " vector " + j + " at " + k);
        }
        assertEquals(sa.counts().toString(), sb.counts().toString(), a.label());
      }
    }
  }
}
