package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.AgentState;
import dbo.algorithm.Message;
import dbo.problem.Heterogeneity;
import dbo.problem.LocalProblem;
import dbo.problem.QuadraticProblem;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * On a local master the Spark runner submits a round's job before the previous one has finished
 * ({@link SparkEngine}): the slots are the in-process runner's to the bit at every iteration (checkpoints
 * in between), only two rounds stay cached, and an agent's failure in a round that nobody waited for still
 * stops the run with the agent's own error.
 */
@LocalSpark.Shared
class PipelinedRoundsTest {
  private final QuadraticProblem problem = new QuadraticProblem(6, 3, 4, 1.0, 1.0, 20, Heterogeneity.SEVERE, false, 5);
  private final MixingPlan plan = Fixtures.ring(6);

  @Test
  void pipelinedRoundsGiveTheInProcessBitsAndKeepTwoRoundsCached() {
    JavaSparkContext jsc = LocalSpark.shared();
    assertTrue(jsc.getConf().getBoolean(SparkEngine.PIPELINE_KEY, true), "pipelining is on by default");
    AgentAlgorithm<?> a = Fixtures.sldbo();
    try (SparkEngine spark = new SparkEngine(jsc, problem, plan, 7);
         InProcessEngine local = new InProcessEngine(problem, plan)) {
      spark.start(a);
      local.start(a);
      for (long k = 1; k <= 23; k++) {
        spark.iterate(k);
        local.iterate(k);
        if (k % 7 != 0) {
          // shards, the previous round (read by the job in flight) and this one; checkpointed rounds released
          long cached = jsc.getPersistentRDDs().values().stream().filter(r -> r.name() != null
              && r.name().startsWith("state-")).count();
          assertTrue(cached <= 2, "iteration " + k + ": " + cached + " rounds cached");
        }
        if (k % 4 == 0 || k == 23) {
          List<AgentReport> s = spark.reports();
          List<AgentReport> l = local.reports();
          for (int i = 0; i < problem.agents(); i++) {
            assertArrayEquals(l.get(i).x(), s.get(i).x(), "x of agent " + i + " at iteration " + k);
            assertArrayEquals(l.get(i).y(), s.get(i).y(), "y of agent " + i + " at iteration " + k);
          }
        }
      }
    }
  }

  @Test
  void aFailedRoundNobodyWaitedForStopsTheRunWithItsError() {
    try (SparkEngine spark = new SparkEngine(LocalSpark.shared(), problem, plan, 50)) {
      spark.start(FailsAt.of(Fixtures.sldbo(), 5));
      RuntimeException e = assertThrows(RuntimeException.class, () -> {
        for (long k = 1; k <= 12; k++) spark.iterate(k);
        spark.summary(null);
      });
      String all = String.valueOf(e) + " " + e.getCause();
      assertTrue(all.contains("agent failed at iteration 5"), all);
      // The engine is usable again: a new start discards the failed run's rounds.
      spark.start(Fixtures.sldbo());
      for (long k = 1; k <= 3; k++) spark.iterate(k);
      assertEquals(problem.agents(), spark.summary(null).agents());
    }
  }

  /** An algorithm whose every agent fails in iteration {@code at}. */
  private record FailsAt<S extends AgentState>(AgentAlgorithm<S> inner, long at) implements AgentAlgorithm<S> {
    @SuppressWarnings("unchecked")
    static <S extends AgentState> FailsAt<S> of(AgentAlgorithm<?> a, long at) {
      return new FailsAt<>((AgentAlgorithm<S>) a, at);
    }

    @Override public String label() { return inner.label(); }
    @Override public Class<S> stateType() { return inner.stateType(); }
    @Override public int rounds() { return inner.rounds(); }
    @Override public S initialize(int agent, LocalProblem p, double[] x0, double[] y0) {
      return inner.initialize(agent, p, x0, y0);
    }
    @Override public Message message(S state, int round) { return inner.message(state, round); }
    @Override public int[] messageLengths(int round, int dimX, int dimY) { return inner.messageLengths(round, dimX, dimY); }
    @Override public S update(S state, int round, Message mixed, LocalProblem p, long iteration) {
      if (iteration == at) throw new IllegalStateException("agent failed at iteration " + at);
      return inner.update(state, round, mixed, p, iteration);
    }
  }
}
