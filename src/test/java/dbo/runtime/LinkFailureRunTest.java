package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Sparkle;
import dbo.algorithm.SparkleVariant;
import dbo.algorithm.Strategy;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.topology.GraphSchedule;
import dbo.topology.Graphs;
import dbo.topology.LinkFailures;
import dbo.topology.MixingMatrix;
import dbo.topology.MixingWeights;
import dbo.topology.TimeVaryingMixing;
import dbo.topology.TopologyKind;
import dbo.topology.TopologySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs on unreliable links (ALGORITHMS.md section 11), in process: q = 0 is today's run; the per-iteration
 * weights reach the agents (a live graph equal to the configured one gives today's bits through the
 * time-varying path); a stretch where every link is down neither crashes nor produces NaN, and progress
 * resumes after it; SPARKLE-ED still reaches x* at q = 0.3; communication counts only live links.
 */
class LinkFailureRunTest {
  private static final long SEED = 3;

  private static TimeVaryingMixing failing(TopologySpec spec, double q) {
    return TimeVaryingMixing.of(spec, spec.build(), GraphSchedule.STATIC, new LinkFailures(q, SEED));
  }

  private static RunResult run(QuadraticProblem problem, MixingPlan plan, AgentAlgorithm<?> a, long k, int logEvery) {
    return new IterationLoop(problem, plan, Fixtures.loop(k, logEvery), Fixtures.SILENT)
        .run(new InProcessEngine(problem, plan), a);
  }

  private static Sparkle sparkle(Strategy s) {
    return new Sparkle("SPARKLE-" + s, Fixtures.STEPS, SparkleVariant.of(s), 0.5, 1, 0);
  }

  @Test
  void zeroFailureProbabilityIsTodaysRunBitForBit() {
    QuadraticProblem problem = Fixtures.quadratic(9, Heterogeneity.SEVERE, 4);
    TopologySpec spec = TopologySpec.of(TopologyKind.TORUS, 9);
    MixingPlan today = MixingPlan.single(spec.build());
    MixingPlan reliable = new MixingPlan(failing(spec, 0.0), failing(spec, 0.0));
    for (AgentAlgorithm<?> a : List.of(Fixtures.sldbo(), Fixtures.s3ldbo(0.5, 2), sparkle(Strategy.GT))) {
      assertEquals(Fixtures.comparable(run(problem, today, a, 30, 5)),
          Fixtures.comparable(run(problem, reliable, a, 30, 5)), a.label());
    }
  }

  /** Not vacuous like the test above: these plans go through {@link MixingPlan#links(int, long)}'s rebuilt weights. */
  @Test
  void perIterationWeightsReachTheAgents() {
    QuadraticProblem problem = Fixtures.quadratic(9, Heterogeneity.SEVERE, 4);
    MixingMatrix w = MixingWeights.metropolis(Graphs.torus(3, 3));
    MixingPlan today = MixingPlan.single(w);
    TimeVaryingMixing allLive = TimeVaryingMixing.metropolis(w, (i, j, k) -> true, "all live");
    MixingPlan varying = new MixingPlan(allLive, allLive);
    assertTrue(!varying.isStatic());
    AgentAlgorithm<?> gt = sparkle(Strategy.GT);
    assertEquals(Fixtures.comparable(run(problem, today, gt, 20, 5)), Fixtures.comparable(run(problem, varying, gt, 20, 5)));
    // And failures change the run.
    MixingPlan failing = new MixingPlan(failing(TopologySpec.of(TopologyKind.TORUS, 9), 0.3),
        failing(TopologySpec.of(TopologyKind.TORUS, 9), 0.3));
    assertTrue(run(problem, today, gt, 20, 20).last().estimationError()
        != run(problem, failing, gt, 20, 20).last().estimationError());
  }

  /**
   * Every link down for iterations 21..60 on a ring: the agents keep their own values in every round
   * (nothing is sent, the consensus error grows from its level at 20), nothing becomes NaN, and once the
   * links are back SLDBO converges as before.
   */
  @Test
  void aStretchWithEveryLinkDownNeitherCrashesNorStopsProgress() {
    QuadraticProblem problem = Fixtures.quadratic(8, Heterogeneity.SEVERE, 6);
    MixingMatrix w = MixingWeights.metropolis(Graphs.ring(8));
    TimeVaryingMixing outage = TimeVaryingMixing.metropolis(w, (i, j, k) -> k <= 20 || k > 60, "outage 21..60");
    MixingPlan plan = new MixingPlan(outage, outage);
    RunResult r = run(problem, plan, Fixtures.sldbo(), 1500, 10);
    assertEquals(Outcome.BUDGET, r.outcome(), r.message());
    MetricsRow at20 = r.rows().get(2);
    MetricsRow at60 = r.rows().get(6);
    assertEquals(List.of(20L, 60L), List.of(at20.iteration(), at60.iteration()));
    assertEquals(at20.floatsSent(), at60.floatsSent(), "nothing is sent while every link is down");
    assertEquals(at20.commRounds(), at60.commRounds());
    assertTrue(at60.consensusError() > at20.consensusError(), "without links the agents drift apart");
    for (MetricsRow row : r.rows()) assertTrue(Double.isFinite(row.estimationError()) && Double.isFinite(row.consensusError()));
    assertTrue(r.last().estimationError() < 1e-10, "progress after the outage: " + r.last().estimationError());
    assertTrue(r.last().floatsSent() > at60.floatsSent());
  }

  @Test
  void sparkleEdReachesTheQuadraticOptimumWithThirtyPercentOfLinksFailing() {
    QuadraticProblem problem = Fixtures.quadratic(16, Heterogeneity.SEVERE, 5);
    TimeVaryingMixing lazy = failing(TopologySpec.of(TopologyKind.TORUS, 16), 0.3).lazy();
    MixingPlan plan = new MixingPlan(lazy, lazy);
    RunResult r = run(problem, plan, sparkle(Strategy.ED), 1500, 100);
    assertEquals(Outcome.BUDGET, r.outcome(), r.message());
    assertTrue(r.last().estimationError() < 1e-8, "sum_i ||x_i - x*||^2 = " + r.last().estimationError());
  }

  /** floats_sent and comm_rounds per iteration, against the live edges counted from the dense W_k. */
  @Test
  void communicationCountsOnlyLiveLinks() {
    QuadraticProblem problem = Fixtures.quadratic(6, Heterogeneity.MILD, 2);
    TimeVaryingMixing x = failing(TopologySpec.of(TopologyKind.RING, 6), 0.5);
    TimeVaryingMixing yz = failing(TopologySpec.of(TopologyKind.FULL, 6), 0.3);
    MixingPlan plan = new MixingPlan(x, yz);
    int p = problem.dimX();
    int q = problem.dimY();
    long k = 12;
    RunResult r = run(problem, plan, Fixtures.sldbo(), k, 1);
    long floatsX = 0;
    long floatsYz = 0;
    long roundsX = 0;
    for (long t = 1; t <= k; t++) {
      long ex = offDiagonalNonzeros(x.dense(t)) / 2;
      long eyz = offDiagonalNonzeros(yz.dense(t)) / 2;
      floatsX += 2 * ex * 2 * p;
      floatsYz += 2 * eyz * 4 * q;
      if (ex > 0) roundsX++;
      MetricsRow row = r.rows().get((int) t);
      assertEquals(List.of(floatsX, floatsYz, roundsX), List.of(row.floatsSentX(), row.floatsSentYz(), row.commRoundsX()));
    }
    // Some links did fail: less than the reliable run's 2 * 6 edges * 2p per iteration.
    assertTrue(floatsX < k * 2 * 6 * 2 * p && floatsYz < k * 2 * 15 * 4 * q);
  }

  /**
   * A run resumed at iteration 20 of 40 (states saved and restored, counters rebuilt from the iteration)
   * ends with the rows of the uninterrupted run: the failures are keyed by the iteration, not drawn in turn.
   */
  @Test
  void aResumedRunSeesTheSameFailuresAndCounts() throws Exception {
    QuadraticProblem problem = Fixtures.quadratic(9, Heterogeneity.SEVERE, 4);
    TimeVaryingMixing w = failing(TopologySpec.of(TopologyKind.TORUS, 9), 0.3);
    MixingPlan plan = new MixingPlan(w, w);
    AgentAlgorithm<?> a = sparkle(Strategy.GT);
    IterationLoop loop = new IterationLoop(problem, plan, Fixtures.loop(40, 5), Fixtures.SILENT);
    RunResult whole = loop.run(new InProcessEngine(problem, plan), a);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dbo-link-resume");
    ResumePoint[] saved = new ResumePoint[1];
    Checkpointer at20 = new Checkpointer() {
      @Override
      public int every() {
        return 20;
      }

      @Override
      public void save(Engine engine, AgentAlgorithm<?> algorithm, ResumePoint point) {
        if (point.iteration() == 20) {
          engine.saveStates(dir);
          saved[0] = point;
        }
      }
    };
    loop.run(new InProcessEngine(problem, plan), a, at20, null);
    InProcessEngine resumed = new InProcessEngine(problem, plan);
    resumed.restore(a, dir);
    RunResult rest = loop.run(resumed, a, Checkpointer.NONE, saved[0]);
    assertEquals(Fixtures.comparable(whole), Fixtures.comparable(rest));
    dbo.job.output.ResultDirectory.deleteTree(dir);
  }

  private static long offDiagonalNonzeros(double[][] d) {
    long c = 0;
    for (int i = 0; i < d.length; i++) for (int j = 0; j < d.length; j++) if (i != j && d[i][j] > 0) c++;
    return c;
  }
}
