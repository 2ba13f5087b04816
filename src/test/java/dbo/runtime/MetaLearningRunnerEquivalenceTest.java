package dbo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.DMaml;
import dbo.algorithm.StepSizes;
import dbo.data.ClassTables;
import dbo.data.DataDirectory;
import dbo.data.IdxFiles;
import dbo.data.TableSource;
import dbo.problem.MetaLearningProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meta-learning problem on both runners: shards built on the executors (generated classes, and two IDX
 * tables written here whose classes are pooled) give the same metrics bit for bit as in process, on one,
 * two and four cores (generated classes; the tables on two), for SLDBO, S3LDBO and decentralized first-order MAML.
 */
class MetaLearningRunnerEquivalenceTest {
  private static final int AGENTS = 3;
  private static final MixingPlan PLAN = Fixtures.ring(AGENTS);
  private static final StepSizes STEPS = new StepSizes(0.5, 1.0, 1.0, Double.POSITIVE_INFINITY);

  @TempDir
  static Path tmp;

  private static List<AgentAlgorithm<?>> algorithms(MetaLearningProblem p) {
    return List.of(new dbo.algorithm.Sldbo("SLDBO", STEPS),
        new dbo.algorithm.SnapshotSldbo("S3LDBO(p=0.5)", STEPS, dbo.algorithm.RefreshRule.BERNOULLI, 0.5, 1, false,
            dbo.algorithm.SnapshotMode.OUTPUTS, 7),
        new DMaml("D-MAML", 0.5, 3, 0.5, p.headDim()));
  }

  private static List<List<MetricsRow>> run(MetaLearningProblem p, Engine e) {
    List<List<MetricsRow>> out = new ArrayList<>();
    IterationLoop loop = new IterationLoop(p, PLAN, Fixtures.loop(4, 2), Fixtures.SILENT);
    for (AgentAlgorithm<?> a : algorithms(p)) out.add(Fixtures.comparable(loop.run(e, a)));
    return out;
  }

  private static void assertSameEverywhere(MetaLearningProblem p, List<String> masters) {
    List<List<MetricsRow>> reference;
    try (Engine e = new InProcessEngine(p, PLAN)) {
      reference = run(p, e);
    }
    for (List<MetricsRow> rows : reference) {
      MetricsRow first = rows.get(0);
      MetricsRow last = rows.get(rows.size() - 1);
      assertTrue(last.upperLoss() != first.upperLoss(), first.algorithm() + ": the upper loss did not move");
      assertTrue(last.testAccuracy() > 0.0, first.algorithm() + ": no meta-test accuracy");
    }
    for (String master : masters) {
      JavaSparkContext jsc = LocalSpark.start(master);
      try {
        assertEquals(p.smoothness(), SparkShards.smoothness(jsc, p));
        try (Engine e = new SparkEngine(jsc, p, PLAN, 4)) {
          assertEquals(reference, run(p, e), "Spark on " + master + " differs from the in-process runner");
        }
      } finally {
        jsc.stop();
      }
    }
  }

  @Test
  void generatedClassesGiveTheSameBits() {
    ClassTables data = new ClassTables.Synthetic(12, 20, 8, 2, 3.0, 1.0, 3);
    assertSameEverywhere(new MetaLearningProblem(AGENTS, data, 3, 2, 3, 2, 4, 5, 4, 0.01, 1.0, 9, 5),
        List.of("local[1]", "local[2]", "local[4]"));
  }

  @Test
  void pooledIdxTablesGiveTheSameBits() throws IOException {
    List<TableSource> tables = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Path dir = tmp.resolve("idx" + t);
      Files.createDirectories(dir);
      int n = 100;
      SplittableRandom rng = new SplittableRandom(4 + t);
      byte[] pixels = new byte[n * 784];
      int[] labels = new int[n];
      for (int s = 0; s < n; s++) {
        labels[s] = s % 10;
        for (int j = 0; j < 784; j++) {
          if (rng.nextDouble() < 0.1 || j % 20 == labels[s] + 10 * t) pixels[s * 784 + j] = (byte) rng.nextInt(256);
        }
      }
      IdxFiles.writeImages(dir.resolve(DataDirectory.IMAGES), pixels, n, 28, 28, true);
      IdxFiles.writeLabels(dir.resolve(DataDirectory.LABELS), labels, true);
      tables.add(new TableSource(TableSource.Format.IDX, dir.toString(), 0, 0));
    }
    ClassTables data = new ClassTables.Files(tables);
    assertEquals(20, data.classes());
    // One master: the core counts are the other test's point; this one is about reading the tables.
    assertSameEverywhere(new MetaLearningProblem(AGENTS, data, 3, 2, 3, 2, 6, 6, 2, 0.01, 1.0, 6, 5),
        List.of("local[2]"));
  }
}
