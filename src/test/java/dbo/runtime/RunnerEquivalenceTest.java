package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.problem.Heterogeneity;
import dbo.problem.ProblemSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The spine of the suite: the in-process runner and the Spark runner execute the same algorithm code and
 * must produce the same bits, and Spark must not depend on its number of cores.
 */
class RunnerEquivalenceTest {
  private static final ProblemSpec PROBLEM = Fixtures.quadratic(6, Heterogeneity.SEVERE, 11);
  private static final MixingPlan PLAN = Fixtures.torus(2, 3);
  private static final List<AgentAlgorithm<?>> ALGORITHMS =
      List.of(Fixtures.sldbo(), Fixtures.s3ldbo(0.3, 11));

  private static List<List<MetricsRow>> inProcess() {
    List<List<MetricsRow>> out = new ArrayList<>();
    IterationLoop loop = new IterationLoop(PROBLEM, PLAN, Fixtures.loop(40, 5), Fixtures.SILENT);
    try (Engine e = new InProcessEngine(PROBLEM, PLAN)) {
      for (AgentAlgorithm<?> a : ALGORITHMS) out.add(Fixtures.comparable(loop.run(e, a)));
    }
    return out;
  }

  private static List<List<MetricsRow>> spark(String master) {
    List<List<MetricsRow>> out = new ArrayList<>();
    // Its own context per master, not the shared local[2] one: the point is that the core count changes nothing.
    JavaSparkContext jsc = LocalSpark.start(master);
    try {
      IterationLoop loop = new IterationLoop(PROBLEM, PLAN, Fixtures.loop(40, 5), Fixtures.SILENT);
      // checkpoint-every 3 does not divide log-every 5: checkpoints and logs interleave.
      try (Engine e = new SparkEngine(jsc, PROBLEM, PLAN, 3)) {
        for (AgentAlgorithm<?> a : ALGORITHMS) out.add(Fixtures.comparable(loop.run(e, a)));
      }
    } finally {
      jsc.stop();
    }
    return out;
  }

  @Test
  void sparkMatchesInProcessBitForBitOnOneTwoAndFourCores() {
    List<List<MetricsRow>> reference = inProcess();
    // The runs do something: the estimation error moves, S3LDBO skips oracle work.
    MetricsRow first = reference.get(0).get(0);
    MetricsRow last = reference.get(0).get(reference.get(0).size() - 1);
    assertTrue(last.estimationError() < first.estimationError());
    MetricsRow snapLast = reference.get(1).get(reference.get(1).size() - 1);
    assertTrue(snapLast.oracleCalls() < last.oracleCalls());
    for (String master : List.of("local[1]", "local[2]", "local[4]")) {
      assertEquals(reference, spark(master), "Spark on " + master + " differs from the in-process runner");
    }
  }
}
