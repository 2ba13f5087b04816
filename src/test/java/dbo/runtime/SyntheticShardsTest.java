package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dbo.algorithm.AgentAlgorithm;
import dbo.problem.Heterogeneity;
import dbo.problem.HyperparameterShape;
import dbo.problem.LocalProblem;
import dbo.problem.LogisticHpoProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The synthetic logistic problem generates agent i's rows from (seed, i) where the shard is built
 * ({@link dbo.problem.RemoteData.PerAgent}): the shards Spark builds on its executors, and the smoothness
 * terms they compute there, equal the in-process ones bit for bit, and so do the runs; the same seed gives
 * the same data and another seed other data. Shards are compared by their Java serialization (every
 * feature, label and size).
 */
@LocalSpark.Shared
class SyntheticShardsTest {
  private static final int AGENTS = 4;

  private static LogisticHpoProblem spec(long seed) {
    return new LogisticHpoProblem(AGENTS, 7, 3, HyperparameterShape.PER_FEATURE, 30, 20, 10, Heterogeneity.SEVERE,
        true, seed, -2.0);
  }

  private static byte[] bytes(LocalProblem shard) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(shard);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void executorShardsAndSmoothnessEqualTheInProcessOnes() {
    LogisticHpoProblem spec = spec(21L);
    List<LocalProblem> remote = SparkShards.build(LocalSpark.shared(), spec, new AgentPartitioner(AGENTS)).collect();
    assertEquals(AGENTS, remote.size());
    for (int i = 0; i < AGENTS; i++) {
      assertArrayEquals(bytes(spec.build(i)), bytes(remote.get(i)), "agent " + i);
    }
    assertEquals(spec.smoothness(), SparkShards.smoothness(LocalSpark.shared(), spec));
  }

  @Test
  void sameSeedSameDataOtherSeedOtherData() {
    for (int i = 0; i < AGENTS; i++) {
      assertArrayEquals(bytes(spec(21L).build(i)), bytes(spec(21L).build(i)), "agent " + i);
      assertFalse(Arrays.equals(bytes(spec(21L).build(i)), bytes(spec(22L).build(i))), "agent " + i);
    }
    assertEquals(spec(21L).smoothness(), spec(21L).smoothness());
  }

  @Test
  void sparkRunMatchesInProcessBitForBit() {
    LogisticHpoProblem spec = spec(5L);
    MixingPlan plan = Fixtures.ring(AGENTS);
    List<AgentAlgorithm<?>> algorithms = List.of(Fixtures.sldbo(), Fixtures.s3ldbo(0.3, 11));
    IterationLoop loop = new IterationLoop(spec, plan, Fixtures.loop(8, 4), Fixtures.SILENT);
    List<List<MetricsRow>> reference = new ArrayList<>();
    try (Engine e = new InProcessEngine(spec, plan)) {
      for (AgentAlgorithm<?> a : algorithms) reference.add(Fixtures.comparable(loop.run(e, a)));
    }
    List<List<MetricsRow>> spark = new ArrayList<>();
    try (Engine e = new SparkEngine(LocalSpark.shared(), spec, plan, 5)) {
      for (AgentAlgorithm<?> a : algorithms) spark.add(Fixtures.comparable(loop.run(e, a)));
    }
    assertEquals(reference, spark);
  }
}
