package dbo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbo.job.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The reference run on embedded Spark, and metrics.csv without its one machine-dependent column. */
final class Metrics {
  private Metrics() {}

  /** Runs CONFIG as jobs/run would, on local[2], and returns its metrics.csv rows without wall_s. */
  static List<String> localReference(Path config, Path out) throws IOException {
    int code = Main.execute(config.toString(), "--out", out.toString(), "--quiet", "--set", "spark.master=local[2]");
    assertEquals(0, code, "the local reference run failed");
    return withoutWallTime(out.resolve("metrics.csv"));
  }

  /** The rows of a metrics.csv with the wall_s column emptied: everything else must match bit for bit. */
  static List<String> withoutWallTime(Path csv) throws IOException {
    List<String> rows = Files.readAllLines(csv);
    int wall = List.of(rows.get(0).split(",", -1)).indexOf("wall_s");
    return rows.stream().map(l -> {
      String[] f = l.split(",", -1);
      f[wall] = "";
      return String.join(",", f);
    }).toList();
  }
}
