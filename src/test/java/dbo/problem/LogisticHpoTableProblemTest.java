package dbo.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.PlacementRule;
import dbo.data.TableSource;
import dbo.linalg.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logistic hyperparameter problem on a table: layout, dimensions and oracles of table-built shards. */
class LogisticHpoTableProblemTest {
  @TempDir
  Path tmp;

  /** A table of {@code rows} rows of {@code d} features, labels from a noisy linear rule over K classes. */
  static String csv(int rows, int d, int classes, long seed, boolean header) {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(header ? "label" : "");
    if (header) {
      for (int j = 0; j < d; j++) sb.append(",f").append(j);
      sb.append('\n');
    }
    for (int s = 0; s < rows; s++) {
      double[] a = new double[d];
      double score = 0.0;
      for (int j = 0; j < d; j++) {
        a[j] = rng.nextGaussian();
        score += (j + 1) * a[j];
      }
      int label = Math.floorMod((int) Math.floor(score + rng.nextGaussian()), classes);
      sb.append(label);
      for (double v : a) sb.append(',').append(String.format(Locale.ROOT, "%.5f", v));
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The same table in LIBSVM form (zero features omitted, labels shifted by {@code shift}). */
  static String libsvm(String csv, int shift) {
    StringBuilder sb = new StringBuilder("# generated\n");
    for (String line : csv.split("\n")) {
      String[] f = line.split(",");
      if (f[0].equals("label")) continue;
      sb.append(Integer.parseInt(f[0]) + shift);
      for (int j = 1; j < f.length; j++) if (Double.parseDouble(f[j]) != 0.0) sb.append(' ').append(j).append(':').append(f[j]);
      sb.append("\n\n");
    }
    return sb.toString();
  }

  private LogisticHpoTableProblem problem(TableSource source, int agents, HyperparameterShape shape, String placement) {
    return new LogisticHpoTableProblem(agents, source, 0.5, 0.3, 0.2,
        PlacementRule.parse(placement), shape, 5L, -2.0);
  }

  @Test
  void everyOracleOfATableShardMatchesFiniteDifferences() throws IOException {
    Path file = tmp.resolve("t.csv");
    Files.writeString(file, csv(120, 5, 3, 1, true));
    for (HyperparameterShape shape : HyperparameterShape.values()) {
      LogisticHpoTableProblem spec = problem(new TableSource(TableSource.Format.CSV, file.toString(), 0, 0), 3,
          shape, "dirichlet(1.0)");
      assertEquals(6, spec.columns());
      assertEquals(shape == HyperparameterShape.PER_FEATURE ? 6 : 1, spec.dimX());
      assertEquals(18, spec.dimY());
      SplittableRandom rng = new SplittableRandom(7);
      for (int i = 0; i < spec.agents(); i++) {
        LocalProblem shard = spec.build(i);
        double[] x = FiniteDifferences.gaussian(rng, spec.dimX(), -1.0, 0.5);
        double[] y = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 0.7);
        double[] v = FiniteDifferences.gaussian(rng, spec.dimY(), 0.0, 1.0);
        FiniteDifferences.OracleErrors e = FiniteDifferences.check(shard, x, y, v);
        assertTrue(e.max() <= 1e-6, shape + " agent " + i + ": " + e);
        assertEquals(0.0, Vectors.norm(shard.gradXUpper(x, y)));
      }
    }
  }

  @Test
  void theSplitCoversDisjointRowsAndEveryAgentHasData() throws IOException {
    Path file = tmp.resolve("t.csv");
    Files.writeString(file, csv(200, 4, 4, 2, false));
    LogisticHpoTableProblem spec = problem(new TableSource(TableSource.Format.CSV, file.toString(), 0, 0), 5,
        HyperparameterShape.PER_FEATURE, "sorted(2)");
    TableLayout l = spec.layout();
    int[] expected = {100, 60, 40};
    Set<Integer> seen = new HashSet<>();
    for (int role = 0; role < 3; role++) {
      int total = 0;
      for (int[] rows : l.rows()[role]) {
        assertTrue(rows.length >= 1);
        for (int k = 1; k < rows.length; k++) assertTrue(rows[k - 1] < rows[k]);
        for (int r : rows) assertTrue(seen.add(r), "row " + r + " placed twice");
        total += rows.length;
      }
      assertEquals(expected[role], total);
    }
    assertEquals(100, Arrays.stream(spec.shardSizes()).sum());
  }

  @Test
  void csvAndLibsvmOfTheSameTableGiveTheSameShards() throws IOException {
    String table = csv(90, 4, 2, 3, false);
    Path c = tmp.resolve("t.csv");
    Path s = tmp.resolve("t.svm");
    Files.writeString(c, table);
    // -1 / +1 labels map to classes 0 / 1 by their order.
    Files.writeString(s, libsvm(table, 0).replaceAll("(?m)^0 ", "-1 ").replaceAll("(?m)^0$", "-1"));
    LogisticHpoTableProblem a = problem(new TableSource(TableSource.Format.CSV, c.toString(), 0, 0), 3,
        HyperparameterShape.SCALAR, "iid");
    LogisticHpoTableProblem b = problem(new TableSource(TableSource.Format.LIBSVM, s.toString(), 4, 0), 3,
        HyperparameterShape.SCALAR, "iid");
    double[] x = {-1.0};
    double[] y = FiniteDifferences.gaussian(new SplittableRandom(3), a.dimY(), 0.0, 1.0);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(a.build(i).gradYLower(x, y), b.build(i).gradYLower(x, y));
      assertEquals(a.build(i).evaluate(x, y), b.build(i).evaluate(x, y));
    }
    assertEquals(a.smoothness(), b.smoothness());
  }

  @Test
  void mnistHas785ColumnsAndTenClasses() {
    Path mnist = Path.of("/work/data/mnist");
    Assumptions.assumeTrue(Files.isDirectory(mnist), "MNIST not fetched (jobs/fetch-data)");
    LogisticHpoTableProblem spec = new LogisticHpoTableProblem(8,
        new TableSource(TableSource.Format.IDX, mnist.toString(), 0, 0), 0.6, 0.2, 0.2, PlacementRule.iid(),
        HyperparameterShape.PER_FEATURE, 1L, -2.0);
    assertEquals(10_000, spec.layout().labels().rows());
    assertEquals(785, spec.dimX());
    assertEquals(7850, spec.dimY());
    assertEquals(6000, Arrays.stream(spec.shardSizes()).sum());
  }

  @Test
  void labelsOutsideTheConfiguredClassesAreRefusedWithTheirLine() throws IOException {
    Path file = tmp.resolve("t.csv");
    Files.writeString(file, "0,1.0\n1,2.0\n7,3.0\n");
    TableSource source = new TableSource(TableSource.Format.CSV, file.toString(), 0, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, source::scanLabels);
    assertTrue(e.getMessage().contains("t.csv:3: label 7 is out of range [0, 2)"), e.getMessage());
  }
}
