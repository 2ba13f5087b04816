package dbo.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.report.Curves.Curve;
import dbo.report.Curves.XAxis;
import dbo.report.Curves.YAxis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurvesTest {
  private static final List<String> HEADER = List.of("seed", "het", "algorithm", "iteration", "wall_s", "grad_f",
      "grad_g", "hvp", "jvp", "comm_rounds", "consensus_error", "estimation_error", "hypergrad_norm",
      "test_accuracy");

  private static String[] r(int seed, String het, String alg, int k, String cons, String acc) {
    return new String[] {Integer.toString(seed), het, alg, Integer.toString(k), Double.toString(0.1 * k + seed),
        Integer.toString(k), Integer.toString(k), "0", "0", Integer.toString(k), cons, "", "1.0", acc};
  }

  @Test
  void medianAndMinMaxOverSeedsSkippingNonPositiveOnLogAxes() {
    List<String[]> rows = new ArrayList<>();
    rows.add(r(1, "mild", "A", 0, "0.0", "0.1"));
    rows.add(r(2, "mild", "A", 0, "0.0", "0.3"));
    rows.add(r(3, "mild", "A", 0, "0.0", "0.2"));
    rows.add(r(1, "mild", "A", 10, "1.0", ""));
    rows.add(r(2, "mild", "A", 10, "4.0", "0.5"));
    rows.add(r(3, "mild", "A", 10, "", "0.7"));
    rows.add(r(1, "severe", "A", 0, "2.0", ""));
    Curves c = new Curves(new CsvTable(HEADER, rows));
    assertEquals(List.of("het"), c.groupColumns());
    assertEquals(List.of(List.of("mild"), List.of("severe")), c.groups());
    assertEquals(3, c.maxSeeds());
    assertFalse(c.hasAny(YAxis.ESTIMATION_ERROR));
    assertTrue(c.hasAny(YAxis.TEST_ACCURACY));

    Curve cons = c.curves(List.of("mild"), XAxis.GRADIENT_EVALUATIONS, YAxis.CONSENSUS_ERROR).get(0);
    // iteration 0 is all zeros: left out on the log axis; iteration 10 has two usable seeds
    assertArrayEquals(new double[] {20}, cons.x());
    assertArrayEquals(new double[] {2.5}, cons.y());
    assertArrayEquals(new double[] {1.0}, cons.lo());
    assertArrayEquals(new double[] {4.0}, cons.hi());
    assertTrue(cons.hasBand());

    Curve acc = c.curves(List.of("mild"), XAxis.COMM_ROUNDS, YAxis.TEST_ACCURACY).get(0);
    assertArrayEquals(new double[] {0, 10}, acc.x());
    assertArrayEquals(new double[] {0.2, 0.6}, acc.y(), 1e-12);
    assertArrayEquals(new double[] {0.1, 0.5}, acc.lo(), 1e-12);
    assertArrayEquals(new double[] {0.3, 0.7}, acc.hi(), 1e-12);

    Curve wall = c.curves(List.of("mild"), XAxis.WALL_TIME, YAxis.TEST_ACCURACY).get(0);
    assertArrayEquals(new double[] {2.0, 3.5}, wall.x(), 1e-12);  // median of the usable seeds' x

    assertTrue(c.curves(List.of("severe"), XAxis.WALL_TIME, YAxis.TEST_ACCURACY).get(0).isEmpty());
  }

  @Test
  void csvFieldsMayBeQuoted() {
    assertEquals(List.of("a,b", "say \"hi\"", "", "3"), CsvTable.parseLine("\"a,b\",\"say \"\"hi\"\"\",,3"));
    assertTrue(Double.isNaN(CsvTable.number("")));
    assertEquals(1e-3, CsvTable.number("1.0E-3"));
  }
}
