package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compression keys out of range (reference.conf, algorithm-defaults): one line naming the key and the
 * allowed range, exit 2, nothing written, whether set in algorithm-defaults or in an entry.
 */
class CompressionBadInputTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "algorithms = [ { type = sldbo, compression = top-k, compression-k = 0 } ]"
          + " | algorithms[0].compression-k = 0 is out of range | 0 < compression-k <= 1",
      "algorithms = [ { type = sldbo, compression = random-k, compression-k = 1.5 } ]"
          + " | algorithms[0].compression-k = 1.5 is out of range | 0 < compression-k <= 1",
      "algorithm-defaults.compression-bits = 0 | algorithm-defaults.compression-bits = 0 is out of range"
          + " | 1 <= compression-bits <= 32",
      "algorithms = [ { type = sparkle-ed, compression = quantize, compression-bits = 33 } ]"
          + " | algorithms[0].compression-bits = 33 is out of range | 1 <= compression-bits <= 32",
      "algorithms = [ { type = sldbo, consensus-step = 0 } ] | algorithms[0].consensus-step = 0 is out of range"
          + " | 0 < consensus-step <= 1",
      "algorithms = [ { type = sldbo, compression = zip } ] | algorithms[0].compression = \"zip\" is not a compressor"
          + " | none, top-k, random-k, quantize",
      "algorithms = [ { type = sldbo, error-feedback = perhaps } ] | algorithms[0].error-feedback"
          + " | true or false",
      "algorithms = [ { type = sldbo }, { type = sparkle-ed, compression = top-k } ]"
          + " | algorithms[1].compression = top-k cannot be used with type = sparkle-ed"
          + " | allowed there: none, quantize",
      "algorithms = [ { type = sparkle, x-strategy = gt, yz-strategy = extra, compression = random-k } ]"
          + " | algorithms[0].compression = random-k cannot be used with type = sparkle | ED or EXTRA level",
      "topology.link-failure = 0.1, algorithms = [ { type = sldbo, compression = quantize } ]"
          + " | algorithms[0].compression = quantize needs a static graph | allowed: compression = none"})
  void isRefusedWithExit2AndNothingWritten(String hocon, String prefix, String allowed) {
    Path conf = TestConfig.plain().set("runner", "in-process").set("run.iterations", 3).append(hocon)
        .write(tmp.resolve("experiment.conf"));
    Path out = tmp.resolve("result");
    Cli.Run r = Cli.main(conf.toString(), "--out", out.toString(), "--quiet");
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    assertEquals(1, r.errors().size(), r.err());
    String line = r.errors().get(0);
    assertTrue(line.startsWith("error: " + prefix), line);
    assertTrue(line.contains(allowed), line);
    assertFalse(Files.exists(out), "nothing at --out");
    assertFalse(Files.exists(out.resolveSibling("." + out.getFileName() + ".partial")), "no staging directory");
  }
}
