package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbo.algorithm.AgentAlgorithm;
import dbo.linalg.Vectors;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reduction a logged iteration needs (issue 11: O(dim) numbers reach the driver, reduced on an executor
 * in agent order): the Spark runner's executor-side summary equals the in-process one bit for bit, and both
 * equal the per-agent reports reduced by hand in agent order.
 */
@LocalSpark.Shared
class SummaryTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(6, Heterogeneity.SEVERE, 5);
  private static final MixingPlan PLAN = Fixtures.torus(2, 3);

  @Test
  void sparkReducesTheAgentsOnAnExecutorToTheSameBitsAsInProcess() {
    AgentAlgorithm<?> a = Fixtures.s3ldbo(0.4, 5);
    double[] solution = PROBLEM.solution().orElseThrow();
    try (InProcessEngine local = new InProcessEngine(PROBLEM, PLAN);
         SparkEngine spark = new SparkEngine(LocalSpark.shared(), PROBLEM, PLAN, 4)) {
      local.start(a);
      spark.start(a);
      for (long k = 1; k <= 7; k++) {
        local.iterate(k);
        spark.iterate(k);
      }
      Summary expected = local.summary(solution);
      Summary actual = spark.summary(solution);
      assertSame(expected, actual);
      assertSame(expected, byHand(spark.reports(), solution));
      assertEquals(Double.NaN, spark.summary(null).estimation());
    }
  }

  @Test
  void reportsOutOfAgentOrderAreRefused() {
    try (InProcessEngine local = new InProcessEngine(PROBLEM, PLAN)) {
      local.start(Fixtures.sldbo());
      List<AgentReport> reports = new ArrayList<>(local.reports());
      java.util.Collections.swap(reports, 0, 1);
      assertThrows(IllegalArgumentException.class,
          () -> Summary.of(reports, null, PROBLEM.dimX(), PROBLEM.dimY()));
    }
  }

  /** The reduction written out: means first, then squared distances, each a sum in agent order. */
  private static Summary byHand(List<AgentReport> reports, double[] solution) {
    int n = reports.size();
    double[] xs = new double[PROBLEM.dimX()];
    double[] ys = new double[PROBLEM.dimY()];
    double[] us = new double[PROBLEM.dimX()];
    double[] zs = new double[PROBLEM.dimY()];
    dbo.algorithm.OracleCounts totals = new dbo.algorithm.OracleCounts();
    long refreshes = 0;
    double xNormSq = 0;
    for (AgentReport r : reports) {
      for (int j = 0; j < xs.length; j++) {
        xs[j] += r.x()[j];
        us[j] += r.hypergradient()[j];
      }
      for (int j = 0; j < ys.length; j++) {
        ys[j] += r.y()[j];
        zs[j] += r.z()[j];
      }
      totals.add(r.counts());
      refreshes += r.refreshes();
      xNormSq += Vectors.normSquared(r.x());
    }
    double[] xbar = Vectors.scale(1.0 / n, xs);
    double[] ybar = Vectors.scale(1.0 / n, ys);
    double[] zbar = Vectors.scale(1.0 / n, zs);
    double c = 0;
    double cy = 0;
    double cz = 0;
    double e = 0;
    for (AgentReport r : reports) {
      c += Vectors.distanceSquared(r.x(), xbar);
      cy += Vectors.distanceSquared(r.y(), ybar);
      cz += Vectors.distanceSquared(r.z(), zbar);
      e += Vectors.distanceSquared(r.x(), solution);
    }
    return new Summary(n, xbar, ybar, c, cy, cz, e, Vectors.norm(Vectors.scale(1.0 / n, us)), totals, refreshes,
        true, xNormSq);
  }

  private static void assertSame(Summary expected, Summary actual) {
    assertEquals(expected.agents(), actual.agents());
    assertArrayEquals(expected.xbar(), actual.xbar(), 0.0);
    assertArrayEquals(expected.ybar(), actual.ybar(), 0.0);
    assertEquals(expected.consensus(), actual.consensus(), 0.0);
    assertEquals(expected.consensusY(), actual.consensusY(), 0.0);
    assertEquals(expected.consensusZ(), actual.consensusZ(), 0.0);
    assertEquals(expected.estimation(), actual.estimation(), 0.0);
    assertEquals(expected.hypergradNorm(), actual.hypergradNorm(), 0.0);
    assertEquals(expected.totals().total(), actual.totals().total());
    assertEquals(expected.totals().hvp, actual.totals().hvp);
    assertEquals(expected.refreshes(), actual.refreshes());
    assertEquals(expected.finite(), actual.finite());
    assertEquals(expected.xNormSq(), actual.xNormSq(), 0.0);
  }
}
