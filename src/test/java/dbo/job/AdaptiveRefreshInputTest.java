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
 * Bad settings of S3LDBO's adaptive refresh ({@code drift-threshold}, {@code drift-weight}, the rule's name):
 * exit 2, one error line naming the key, the value and the allowed range, nothing written.
 */
class AdaptiveRefreshInputTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "drift-threshold = 0        | algorithms[1].drift-threshold = 0 is not allowed; allowed: drift-threshold > 0, or \"inf\"",
      "drift-threshold = -3       | algorithms[1].drift-threshold = -3 is not allowed; allowed: drift-threshold > 0",
      "drift-threshold = often    | algorithms[1].drift-threshold = \"often\" is not allowed",
      "drift-weight = 0           | algorithms[1].drift-weight = 0 is out of range; allowed: 0 < drift-weight <= 1",
      "drift-weight = 1.5         | algorithms[1].drift-weight = 1.5 is out of range; allowed: 0 < drift-weight <= 1",
      "refresh = adaptiv          | algorithms[1].refresh = \"adaptiv\" is not a refresh rule; allowed: bernoulli, shared-coin, periodic, adaptive"})
  void badSettingExits2NamingTheKeyAndWritesNothing(String setting, String message) {
    Path conf = TestConfig.plain().set("seed", 3)
        .algorithms("type = sldbo", "type = s3ldbo, refresh = adaptive, " + setting).write(tmp.resolve("e.conf"));
    Path out = tmp.resolve("result");
    Cli.Run r = Cli.main(conf.toString(), "--out", out.toString(), "--quiet");
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    assertEquals(1, r.errors().size(), r.err());
    assertTrue(r.errors().get(0).contains(message), r.err());
    assertFalse(Files.exists(out), "nothing at --out");
    assertFalse(Files.exists(out.resolveSibling("." + out.getFileName() + ".partial")), "no staging directory");
  }
}
