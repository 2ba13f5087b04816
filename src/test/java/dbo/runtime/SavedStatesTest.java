package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.AgentState;
import dbo.algorithm.MaDsboGt;
import dbo.algorithm.RefreshRule;
import dbo.algorithm.SnapshotMode;
import dbo.algorithm.SnapshotSldbo;
import dbo.algorithm.Sparkle;
import dbo.algorithm.SparkleVariant;
import dbo.algorithm.Strategy;
import dbo.algorithm.compression.ChocoMixing;
import dbo.algorithm.compression.RandomK;
import dbo.algorithm.compression.StochasticQuantizer;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process runner's saved states (Java serialization of the typed states) and their restore. */
class SavedStatesTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(6, Heterogeneity.SEVERE, 11);
  private static final MixingPlan PLAN = Fixtures.torus(2, 3);

  @Test
  void aRestoredRunContinuesBitForBit(@TempDir Path dir) {
    List<AgentAlgorithm<?>> algorithms = List.of(
        // Optional vectors (EXTRA's dual, GT's t and W t, the frozen snapshot, m^{k-1}) survive a save.
        new Sparkle("SPARKLE-EXTRA-GT", Fixtures.STEPS, new SparkleVariant(Strategy.EXTRA, Strategy.GT), 0.5, 3, 0),
        new SnapshotSldbo("S3LDBO-op", Fixtures.STEPS, RefreshRule.BERNOULLI, 0.4, 1, false, SnapshotMode.OPERATORS,
            3, 5),
        new MaDsboGt("MA-DSBO-GT", Fixtures.STEPS, 0.5, 2, 3, 3, 0),
        // Compressed: the public copies, the aggregates and the message counter that keys the random
        // streams survive a save, so a resumed run draws what an uninterrupted one would.
        new ChocoMixing<>(Fixtures.s3ldbo(0.4, 3), new RandomK(0.3), true, ChocoMixing.AUTO, 3),
        new ChocoMixing<>(new MaDsboGt("MA-DSBO-GT+q", Fixtures.STEPS, 0.5, 2, 3, 3, 0), new StochasticQuantizer(3),
            true, 0.5, 3));
    for (AgentAlgorithm<?> a : algorithms) {
      InProcessEngine whole = new InProcessEngine(PROBLEM, PLAN);
      whole.start(a);
      for (long k = 1; k <= 9; k++) whole.iterate(k);
      InProcessEngine first = new InProcessEngine(PROBLEM, PLAN);
      first.start(a);
      for (long k = 1; k <= 4; k++) first.iterate(k);
      Path saved = dir.resolve(a.label());
      first.saveStates(saved);
      InProcessEngine resumed = new InProcessEngine(PROBLEM, PLAN);
      resumed.restore(a, saved);
      for (long k = 5; k <= 9; k++) resumed.iterate(k);
      for (int i = 0; i < PROBLEM.agents(); i++) {
        AgentState s = whole.states().get(i);
        AgentState r = resumed.states().get(i);
        assertEquals(s.getClass(), r.getClass());
        assertEquals(s.vectors().size(), r.vectors().size(), a.label());
        for (int j = 0; j < s.vectors().size(); j++) {
          assertArrayEquals(s.vectors().get(j), r.vectors().get(j), a.label() + " agent " + i + " vector " + j);
        }
        assertEquals(s.counts().toString(), r.counts().toString(), a.label());
        assertEquals(s.refreshes(), r.refreshes(), a.label());
      }
    }
  }

  @Test
  void statesOfAnotherAlgorithmAreRefused(@TempDir Path dir) {
    InProcessEngine engine = new InProcessEngine(PROBLEM, PLAN);
    engine.start(Fixtures.sldbo());
    engine.iterate(1);
    engine.saveStates(dir.resolve("sldbo"));
    Sparkle sparkle = new Sparkle("SPARKLE-ED", Fixtures.STEPS, SparkleVariant.of(Strategy.ED), 0.5, 3, 0);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new InProcessEngine(PROBLEM, PLAN).restore(sparkle, dir.resolve("sldbo")));
    assertTrue(e.getMessage().contains("SldboState") && e.getMessage().contains("SparkleState"), e.getMessage());
  }
}
