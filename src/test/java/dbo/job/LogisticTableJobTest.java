package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.runtime.MetricsRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * problem.logistic.data from the command line: the Spark runner (table read by the executors, smoothness
 * estimated there after the session opens) and the in-process runner write the same metrics, bit for bit
 * apart from wall time, and the same smoothness estimate in the manifest.
 */
class LogisticTableJobTest {
  @TempDir
  Path tmp;

  private Path table() throws IOException {
    SplittableRandom rng = new SplittableRandom(8);
    StringBuilder sb = new StringBuilder("label,a,b,c,d\n");
    for (int s = 0; s < 150; s++) {
      double[] a = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      int label = a[0] + 0.5 * a[1] > 0.3 ? 2 : a[2] > 0 ? 1 : 0;
      sb.append(label);
      for (double v : a) sb.append(',').append(String.format(Locale.ROOT, "%.6f", v));
      sb.append('\n');
    }
    Path file = tmp.resolve("table.csv");
    Files.writeString(file, sb.toString());
    return file;
  }

  private List<String> run(Path data, String runner) throws IOException {
    Path conf = tmp.resolve(runner + ".conf");
    Files.writeString(conf, """
        runner = %s
        spark.master = "local[2]"
        problem { type = logistic, agents = 3
                  logistic.data { format = csv, path = "%s", placement = "dirichlet(1.0)" } }
        topology.type = ring
        run { iterations = 20, log-every = 5 }
        algorithms = [ { type = sldbo }, { type = s3ldbo, p = 0.5 } ]
        """.formatted(runner, data.toString().replace("\\", "/")));
    Path out = tmp.resolve("out-" + runner);
    assertEquals(0, Main.execute(conf.toString(), "--out", out.toString(), "--quiet"));
    int wall = MetricsRow.COLUMNS.indexOf("wall_s");
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("metrics.csv"))) {
      String[] f = line.split(",", -1);
      f[wall] = "";
      rows.add(String.join(",", f));
    }
    Matcher m = Pattern.compile("\"smoothness\"\\s*:\\s*([0-9.eE+-]+)").matcher(Files.readString(out.resolve("manifest.json")));
    assertTrue(m.find(), "no smoothness in the manifest");
    rows.add("smoothness " + m.group(1));
    return rows;
  }

  @Test
  void sparkAndInProcessJobsWriteTheSameMetrics() throws IOException {
    Path data = table();
    List<String> inProcess = run(data, "in-process");
    String[] last = inProcess.get(inProcess.size() - 2).split(",", -1);
    double accuracy = Double.parseDouble(last[MetricsRow.COLUMNS.indexOf("test_accuracy")]);
    assertTrue(accuracy > 0.0 && accuracy <= 1.0, "test accuracy " + accuracy);
    assertEquals(inProcess, run(data, "spark"));
  }
}
