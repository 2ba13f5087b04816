package dbo.job.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.job.tools.ReproduceReference.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference against measurement: verdicts per value, missing and new values, the table. */
class ReproduceComparisonTest {
  private static final Map<String, ReproduceTolerance> TOL = Map.of("iteration", ReproduceTolerance.exact(),
      "estimation_error", ReproduceTolerance.parse("log10 0.3 floor 1e-20"));

  private static Value v(String cell, String alg, String metric, double value) {
    return new Value("run", cell, alg, metric, value);
  }

  @Test
  void identicalValuesPass() {
    List<Value> ref = List.of(v("", "SLDBO", "iteration", 680), v("", "SLDBO", "estimation_error", 4.98e-9));
    ReproduceComparison c = ReproduceComparison.of(ref, ref, TOL);
    assertTrue(c.passed());
    assertTrue(c.summary("s").endsWith("REPRODUCED"), c.summary("s"));
  }

  @Test
  void aValueOutsideItsToleranceFailsAndIsNamed() {
    List<Value> ref = List.of(v("", "SLDBO", "iteration", 680), v("", "SLDBO", "estimation_error", 4.98e-9));
    List<Value> got = List.of(v("", "SLDBO", "iteration", 680), v("", "SLDBO", "estimation_error", 1.2e-8));
    ReproduceComparison c = ReproduceComparison.of(ref, got, TOL);
    assertFalse(c.passed());
    assertEquals(1, c.failures());
    assertEquals("FAIL", c.lines().get(1).verdict());
    String failures = c.table(true);
    assertTrue(failures.contains("estimation_error") && failures.contains("FAIL"), failures);
    assertFalse(failures.contains("iteration  "), "passing lines are left out: " + failures);
    assertTrue(c.summary("s").contains("REGRESSION (first: run SLDBO estimation_error FAIL)"), c.summary("s"));
  }

  @Test
  void missingAndNewValuesAreRegressions() {
    List<Value> ref = List.of(v("seed=1", "SLDBO", "iteration", 10), v("seed=2", "SLDBO", "iteration", 10));
    List<Value> got = List.of(v("seed=1", "SLDBO", "iteration", 10), v("seed=3", "SLDBO", "iteration", 10));
    ReproduceComparison c = ReproduceComparison.of(ref, got, TOL);
    assertEquals(List.of("pass", "MISSING", "NEW"), c.lines().stream().map(ReproduceComparison.Line::verdict).toList());
    assertEquals(2, c.failures());
  }

  @Test
  void tableShowsCountsAsIntegersAndAbsentMetricsAsNa() {
    List<Value> ref = List.of(v("", "SLDBO", "iteration", 680), v("", "SLDBO", "estimation_error", Double.NaN));
    String t = ReproduceComparison.of(ref, ref, TOL).table(false);
    assertTrue(t.lines().findFirst().orElseThrow().matches(
        "run +cell +algorithm +metric +reference +measured +tolerance +verdict"), t);
    assertTrue(t.contains("680") && !t.contains("680.0") && t.contains("n/a"), t);
  }
}
