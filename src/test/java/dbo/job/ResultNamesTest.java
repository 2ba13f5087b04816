package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.runtime.LocalSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished result names itself as the user finds it: the report is drawn in the staging directory
 * ({@code .qs.partial}) before the rename, and neither its page nor any other text file of the result may
 * carry that name (issue 15: a quickstart to {@code --out .../qs} was titled "dbo-spark report: .qs.partial").
 */
@LocalSpark.Own
class ResultNamesTest {
  @TempDir
  Path tmp;

  @Test
  void aSingleRunsReportAndFilesNameTheResultNotItsStagingDirectory() throws IOException {
    Path out = tmp.resolve("qs");
    Cli.Run r = Cli.main(TestConfig.plain().write(tmp.resolve("qs.conf")).toString(), "--out", out.toString(),
        "--quiet");
    assertEquals(0, r.code(), r.all());
    assertNamesTheResult(out);
  }

  @Test
  void aGridsReportAndFilesNameTheResultNotItsStagingDirectory() throws IOException {
    Path out = tmp.resolve("qs");
    String text = TestConfig.plain().set("run.iterations", 10)
        .append("grid { seeds = [1, 2], vary { \"topology.type\" = [ring, full] } }").text();
    Path conf = Files.writeString(tmp.resolve("grid.conf"), text);
    Cli.Run r = Cli.main(conf.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.all());
    assertTrue(Files.exists(out.resolve("summary.csv")), "a grid result");
    assertNamesTheResult(out);
  }

  /** The page's title and heading say {@code qs}; no text file under {@code out} mentions a .partial name. */
  private void assertNamesTheResult(Path out) throws IOException {
    assertFalse(Files.exists(tmp.resolve(".qs.partial")), "the staging directory was renamed");
    String html = Files.readString(out.resolve("report/index.html"));
    assertTrue(html.contains("<title>dbo-spark report: qs</title>"), "title: " + title(html));
    assertTrue(html.contains("<h1>dbo-spark report: qs</h1>"), html.substring(0, Math.min(html.length(), 800)));
    List<String> offenders = new ArrayList<>();
    int textFiles = 0;
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(f);
        if (binary(bytes)) continue;
        textFiles++;
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (s.contains(".partial")) offenders.add(out.relativize(f).toString());
      }
    }
    assertTrue(textFiles >= 4, "manifest, metrics.csv, index.html and more were read: " + textFiles);
    assertEquals(List.of(), offenders, "text files that name a staging directory");
  }

  /** PNG plots, Parquet and its checksums hold NUL bytes; text files do not. */
  private static boolean binary(byte[] bytes) {
    for (byte b : bytes) if (b == 0) return true;
    return false;
  }

  private static String title(String html) {
    int a = html.indexOf("<title>");
    int b = html.indexOf("</title>");
    return a < 0 || b < a ? "(none)" : html.substring(a, b);
  }
}
