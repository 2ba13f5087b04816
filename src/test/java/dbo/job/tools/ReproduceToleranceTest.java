package dbo.job.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The four tolerance kinds against hand-computed boundaries. */
class ReproduceToleranceTest {

  @Test
  void exactAcceptsOnlyTheSameNumber() {
    ReproduceTolerance t = ReproduceTolerance.parse("exact");
    assertTrue(t.accepts(43584, 43584));
    assertFalse(t.accepts(43584, 43585));
    assertFalse(t.accepts(1.0, Math.nextUp(1.0)));
  }

  @Test
  void absoluteAndRelativeBoundaries() {
    ReproduceTolerance abs = ReproduceTolerance.parse("absolute 0.01");
    assertTrue(abs.accepts(0.90, 0.905));
    assertFalse(abs.accepts(0.90, 0.92));
    ReproduceTolerance rel = ReproduceTolerance.parse("relative 1e-3");
    assertTrue(rel.accepts(-200.0, -200.19));
    assertFalse(rel.accepts(-200.0, -200.21));
    assertFalse(rel.accepts(0.0, 1e-300), "relative to zero accepts only zero");
  }

  @Test
  void log10ComparesOrdersOfMagnitudeAboveTheFloor() {
    ReproduceTolerance t = ReproduceTolerance.parse("log10 0.3 floor 1e-20");
    assertTrue(t.accepts(1e-9, 1.9e-9), "log10(1.9) = 0.279 <= 0.3");
    assertFalse(t.accepts(1e-9, 2.1e-9), "log10(2.1) = 0.322 > 0.3");
    assertFalse(t.accepts(1e-9, 0.45e-9), "log10(1/0.45) = 0.347 > 0.3");
    assertTrue(t.accepts(3e-23, 6e-25), "both below the floor: machine precision either way");
    assertTrue(t.accepts(0.0, 1e-21));
    assertFalse(t.accepts(1e-23, 1e-15), "one above the floor is compared against the floor");
    ReproduceTolerance noFloor = ReproduceTolerance.parse("log10 1");
    assertTrue(noFloor.accepts(0.0, 0.0));
    assertFalse(noFloor.accepts(0.0, 1e-300));
  }

  @Test
  void notApplicableMatchesOnlyNotApplicable() {
    for (String s : new String[] {"exact", "absolute 1", "relative 1", "log10 5 floor 1"}) {
      ReproduceTolerance t = ReproduceTolerance.parse(s);
      assertTrue(t.accepts(Double.NaN, Double.NaN), s);
      assertFalse(t.accepts(Double.NaN, 0.5), s);
      assertFalse(t.accepts(0.5, Double.NaN), s);
    }
  }

  @Test
  void parsesAndPrintsTheSuiteSyntax() {
    assertEquals("log10 0.3 floor 1e-20", ReproduceTolerance.parse("  LOG10 0.3   floor 1e-20 ").toString());
    assertEquals("relative 0.000001", ReproduceTolerance.parse("relative 1e-6").toString());
    assertEquals("exact", ReproduceTolerance.parse("exact").toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReproduceTolerance.parse("roughly 2"));
    assertTrue(e.getMessage().startsWith("\"roughly 2\" is not a tolerance; allowed: exact | absolute E"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReproduceTolerance.parse("absolute x"));
    assertThrows(IllegalArgumentException.class, () -> ReproduceTolerance.parse("relative -1"));
    assertThrows(IllegalArgumentException.class, () -> ReproduceTolerance.parse("log10 1 floor"));
  }
}
