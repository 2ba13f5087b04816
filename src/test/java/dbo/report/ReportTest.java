package dbo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.runtime.MetricsRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  private static final String HEADER = String.join(",", MetricsRow.COLUMNS);

  /** One metrics line; est and acc may be "" (does not apply). */
  private static String row(String alg, int k, String consensus, String est, String hyper, String acc) {
    long calls = 4L * (k + 1);
    return String.join(",", alg, Integer.toString(k), Double.toString(0.01 * k), Long.toString(calls),
        Long.toString(calls), Long.toString(calls), Long.toString(calls), Integer.toString(k),
        Integer.toString(100 * k), consensus, est, hyper, "1.5", acc, "1.0", Integer.toString(k),
        Integer.toString(k), Integer.toString(20 * k), Integer.toString(80 * k), "", "", "", "", "",
        Integer.toString(800 * k));
  }

  private static final String MANIFEST = """
      {"format_version":1,"tool":"dbo-spark 0.1.0","created":"2026-01-01T00:00:00Z",
       "command_line":["conf/x.conf","--set","a=<b>"],"seed":7,"runner":"in-process",
       "versions":{"java":"17","spark":"4.1.0"},
       "problem":{"name":"quadratic","agents":4,"dim_x":2,"dim_y":3,"smoothness":2.5,"solution_known":true},
       "topology":{"x":{"description":"ring","agents":4,"edges":4,"spectral_gap":0.5},
                   "yz":{"description":"ring","agents":4,"edges":4,"spectral_gap":0.5}},
       "algorithms":[
        {"label":"SLDBO","outcome":"converged","message":"","iterations":40,"wall_s":0.4,
         "totals":{"oracle_calls":656},
         "final":{"estimation_error":1.0E-9,"hypergrad_norm":2.0E-5,"consensus_error":3.0E-13,"test_accuracy":null}},
        {"label":"S<3>,LDBO","outcome":"diverged","message":"norm > 1e12 at k=40","iterations":40,"wall_s":0.2,
         "totals":{"oracle_calls":100},
         "final":{"estimation_error":null,"hypergrad_norm":5.0,"consensus_error":0.0,"test_accuracy":null}}],
       "outcome":"diverged","wall_s":1.25}
      """;

  private void writeSingle(boolean estimation) throws IOException {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int k = 0; k <= 40; k += 10) {
      // iteration 0: consensus error and hypergradient norm are exactly 0 (left out on the log axis)
      String est = estimation ? Double.toString(Math.pow(10, -k / 5.0)) : "";
      String acc = estimation ? "" : Double.toString(0.5 + k / 100.0);
      lines.add(row("SLDBO", k, k == 0 ? "0.0" : "1e-" + k / 5, est, k == 0 ? "0.0" : "0.5", acc));
    }
    for (int k = 0; k <= 40; k += 10) {
      String est = estimation && k < 40 ? "1.0" : "";
      lines.add(row("\"S<3>,LDBO\"", k, "0.0", est, k == 20 ? "" : "2.0", estimation ? "" : "0.4"));
    }
    Files.write(dir.resolve("metrics.csv"), lines);
    Files.writeString(dir.resolve("manifest.json"), MANIFEST);
  }

  private Set<String> pngs() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("report"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> expected(String prefix, String... ys) {
    Set<String> out = new TreeSet<>();
    for (String y : ys) {
      for (String x : List.of("gradient_evaluations", "wall_s", "comm_rounds")) out.add(prefix + y + "-vs-" + x + ".png");
    }
    return out;
  }

  private void assertImagesAndLinks(Set<String> files, String html) throws IOException {
    for (String f : files) {
      Path p = dir.resolve("report").resolve(f);
      assertTrue(Files.size(p) > 1000, f + " is nearly empty");
      BufferedImage img = ImageIO.read(p.toFile());
      assertNotNull(img, f + " does not decode");
      assertEquals(Plot.WIDTH, img.getWidth(), f);
      assertEquals(Plot.HEIGHT, img.getHeight(), f);
      assertTrue(html.contains("<img src=\"" + Html.esc(f) + "\""), "no <img> for " + f);
    }
    assertEquals(files.size(), html.split("<img ", -1).length - 1, "one <img> per PNG");
    assertFalse(html.contains("http://") || html.contains("https://"), "the page loads nothing from outside");
  }

  @Test
  void singleRunWithKnownSolution() throws IOException {
    writeSingle(true);
    // an older report is replaced whole, and the staging directory does not stay behind
    Files.createDirectories(dir.resolve("report"));
    Files.writeString(dir.resolve("report/stale.png"), "old");
    Path index = Report.write(dir);
    assertFalse(Files.exists(dir.resolve("report/stale.png")));
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".report-")), "no staging left behind");
    }
    assertEquals(dir.resolve("report").resolve("index.html"), index);
    Set<String> files = pngs();
    // estimation error present, test accuracy empty everywhere: no accuracy plots
    assertEquals(expected("", "estimation_error", "hypergrad_norm", "consensus_error"), files);
    String html = Files.readString(index);
    assertImagesAndLinks(files, html);
    assertTrue(html.contains("<td>SLDBO</td><td>converged</td><td class=\"num\">40</td>"), html);
    assertTrue(html.contains("<td>S&lt;3&gt;,LDBO</td><td>diverged</td>"), "label escaped");
    assertFalse(html.contains("S<3>"), "no raw markup from the data");
    assertTrue(html.contains("1.0000e-09"), "final estimation error");
    assertTrue(html.contains("norm &gt; 1e12 at k=40"), "message shown, escaped");
    assertTrue(html.contains("conf/x.conf --set a=&lt;b&gt;"), "command line escaped");
    assertTrue(html.contains("spectral gap 0.5000"));
    assertTrue(html.contains("class=\"outcome diverged\""));
  }

  @Test
  void withoutEstimationErrorThereIsNoEstimationPlot() throws IOException {
    writeSingle(false);
    Report.write(dir);
    Set<String> files = pngs();
    assertEquals(expected("", "test_accuracy", "hypergrad_norm", "consensus_error"), files);
    assertTrue(files.stream().noneMatch(f -> f.contains("estimation_error")));
    assertImagesAndLinks(files, Files.readString(dir.resolve("report/index.html")));
  }

  /** Hyper-cleaning: flag columns and the MLlib baselines as rows of the summary and accuracy reference lines. */
  @Test
  void baselinesAndFlagColumnsInTheSummary() throws IOException {
    writeSingle(false);
    String manifest = MANIFEST.replace("\"test_accuracy\":null}}", "\"test_accuracy\":0.8,\"flag_precision\":0.75,\"flag_recall\":0.5}}")
        .replace("\"outcome\":\"diverged\",\"wall_s\":1.25}", "\"outcome\":\"diverged\",\"wall_s\":1.25,\"baselines\":["
            + "{\"baseline\":\"mllib-corrupted-labels\",\"train_samples\":100,\"iterations\":12,\"test_accuracy\":0.61,\"wall_s\":2.0},"
            + "{\"baseline\":\"mllib-clean-only\",\"train_samples\":70,\"iterations\":9,\"test_accuracy\":0.7,\"wall_s\":1.0}]}");
    Files.writeString(dir.resolve("manifest.json"), manifest);
    String html = Files.readString(Report.write(dir));
    assertTrue(html.contains("<th>flag precision</th><th>flag recall</th>"), html);
    assertTrue(html.contains("<td class=\"num\">0.7500</td><td class=\"num\">0.5000</td>"), html);
    assertTrue(html.contains("<td>MLlib LR, corrupted labels (baseline)</td>"), html);
    assertTrue(html.contains("<td class=\"num\">0.6100</td>"), "the corrupted baseline's accuracy");
    assertTrue(html.contains("<td>MLlib LR, clean samples only (baseline)</td>"));
    List<Plot.Reference> refs = Report.baselines(new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest));
    assertEquals(List.of(new Plot.Reference("MLlib LR, corrupted labels", 0.61),
        new Plot.Reference("MLlib LR, clean samples only", 0.7)), refs);
    assertImagesAndLinks(pngs(), html);
  }

  @Test
  void missingMetricsIsAnError() {
    assertThrows(IOException.class, () -> Report.write(dir));
  }

  @Test
  void gridGetsOneSetOfPlotsPerVariedValueWithBands() throws IOException {
    List<String> lines = new ArrayList<>(List.of("seed,topology_type," + HEADER));
    for (String topo : List.of("ring", "full")) {
      for (int seed = 1; seed <= 3; seed++) {
        for (String alg : List.of("A", "B")) {
          for (int k = 0; k <= 30; k += 10) {
            String hyper = Double.toString((alg.equals("A") ? 1.0 : 2.0) * seed / (k + 1));
            lines.add(seed + "," + topo + "," + row(alg, k, "1e-3", "", hyper, ""));
          }
        }
      }
    }
    Files.write(dir.resolve("metrics.csv"), lines);
    Files.write(dir.resolve("summary.csv"), List.of(
        "topology_type,algorithm,seeds,reached_target,median_final_error,median_gradient_evaluations_to_target",
        "ring,A,3,0,3.226e-02,", "ring,B,3,2,6.452e-02,124", "full,A,3,0,3.226e-02,", "full,B,3,0,6.452e-02,"));
    Files.writeString(dir.resolve("manifest.json"), """
        {"format_version":1,"tool":"dbo-spark 0.1.0","command_line":["g.conf"],"versions":{"java":"17"},
         "grid":{"seeds":[1,2,3],"vary":{"topology.type":["\\"ring\\"","\\"full\\""]},"target":1e-6,"cells":6},
         "cells":[
          {"cell":0,"seed":1,"overrides":["seed=1","topology.type=\\"ring\\""],"runner":"in-process",
           "algorithms":[{"label":"A","outcome":"budget"},{"label":"B","outcome":"converged"}]},
          {"cell":1,"seed":2,"overrides":["seed=2","topology.type=\\"ring\\""],"runner":"in-process",
           "algorithms":[{"label":"A","outcome":"budget"},{"label":"B","outcome":"converged"}]}],
         "outcome":"budget","wall_s":3.0,"config":{"problem":{"type":"quadratic","agents":4}}}
        """);
    Report.write(dir);
    Set<String> files = pngs();
    Set<String> want = new TreeSet<>();
    want.addAll(expected("topology_type=ring--", "hypergrad_norm", "consensus_error"));
    want.addAll(expected("topology_type=full--", "hypergrad_norm", "consensus_error"));
    assertEquals(want, files);
    String html = Files.readString(dir.resolve("report/index.html"));
    assertImagesAndLinks(files, html);
    assertTrue(html.contains("<td>ring</td><td>B</td><td class=\"num\">3</td><td class=\"num\">2</td>"
        + "<td class=\"num\">6.452e-02</td><td class=\"num\">124</td><td>2 converged</td>"), html);
    assertTrue(html.contains("<td>full</td><td>A</td>"), "every summary.csv row");
    assertTrue(html.contains("median over 3 seeds"), "caption says what the line and band are");
    assertTrue(html.contains("topology_type=full"), "group headings");
  }
}
