package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.DSoba;
import dbo.algorithm.MaDsboGt;
import dbo.algorithm.Mdbo;
import dbo.algorithm.RefreshRule;
import dbo.algorithm.SnapshotMode;
import dbo.algorithm.SnapshotSldbo;
import dbo.algorithm.Sparkle;
import dbo.algorithm.SparkleVariant;
import dbo.algorithm.StepSizes;
import dbo.algorithm.Strategy;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every SPARKLE-family and baseline algorithm, deterministic and with mini-batches, gives the same bits
 * on the Spark runner as in-process (the pattern of {@link RunnerEquivalenceTest}), on a plan whose x graph
 * (ring, Metropolis) differs from its y, z graph (complete, lazy), so both message parts and empty parts
 * travel. Short runs on one local master, since each Spark round costs a shuffle.
 */
@LocalSpark.Shared
class AlgorithmRunnerEquivalenceTest {
  private static final QuadraticProblem PROBLEM = Fixtures.quadratic(4, Heterogeneity.SEVERE, 13);
  private static final MixingPlan PLAN = new MixingPlan(MixingWeights.metropolis(Graphs.ring(4)),
      MixingWeights.metropolis(Graphs.full(4)).lazy());

  private static List<AgentAlgorithm> algorithms() {
    StepSizes s = Fixtures.STEPS;
    List<AgentAlgorithm> out = new ArrayList<>();
    for (int batch : new int[] {0, 7}) {
      String b = batch == 0 ? "" : "(batch " + batch + ")";
      out.add(new Sparkle("SPARKLE-GT" + b, s, SparkleVariant.of(Strategy.GT), 0.5, 5, batch));
      out.add(new Sparkle("SPARKLE-EXTRA-GT" + b, s, new SparkleVariant(Strategy.EXTRA, Strategy.GT), 0.5, 5, batch));
      out.add(new Sparkle("SPARKLE-ED" + b, s, SparkleVariant.of(Strategy.ED), 0.5, 5, batch));
      out.add(new DSoba("D-SOBA-fo" + b, s, 0.5, true, 1e-5, 5, batch));
      out.add(new Mdbo("MDBO" + b, s, 0.5, 10, PROBLEM.smoothness(), 5, batch));
      out.add(new MaDsboGt("MA-DSBO-GT" + b, s, 0.5, 2, 2, 5, batch));
    }
    out.add(new DSoba("D-SOBA", s, 0.5, false, 1e-5, 5, 0));
    out.add(new Sparkle("SPARKLE-EXTRA", s, SparkleVariant.of(Strategy.EXTRA), 0.5, 5, 0));
    out.add(new SnapshotSldbo("S3LDBO(batch 7)", s, RefreshRule.BERNOULLI, 0.5, 1, false, SnapshotMode.OPERATORS,
        5, 7));
    return out;
  }

  private static List<List<MetricsRow>> runAll(Engine engine) {
    IterationLoop loop = new IterationLoop(PROBLEM, PLAN, Fixtures.loop(12, 4), Fixtures.SILENT);
    List<List<MetricsRow>> out = new ArrayList<>();
    for (AgentAlgorithm a : algorithms()) out.add(Fixtures.comparable(loop.run(engine, a)));
    return out;
  }

  @Test
  void sparkMatchesInProcessBitForBitForEveryAlgorithm() {
    List<List<MetricsRow>> reference;
    try (Engine e = new InProcessEngine(PROBLEM, PLAN)) {
      reference = runAll(e);
    }
    List<List<MetricsRow>> spark;
    try (Engine e = new SparkEngine(LocalSpark.shared(), PROBLEM, PLAN, 5)) {
      spark = runAll(e);
    }
    List<AgentAlgorithm> algorithms = algorithms();
    for (int a = 0; a < algorithms.size(); a++) {
      assertEquals(reference.get(a), spark.get(a), algorithms.get(a).label() + ": Spark differs from in-process");
    }
  }
}
