package dbo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launchers in jobs/ and the tests' Surefire argLine pass the same Java 17 module flags to Spark and
 * ask dev.ludovic.netlib for the same BLAS.
 */
class JavaFlagsTest {
  @Test
  void launchersAndPomAgree() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m = Pattern.compile("<spark.java.opens>(.*?)</spark.java.opens>", Pattern.DOTALL).matcher(pom);
    assertTrue(m.find());
    List<String> fromPom = Arrays.stream(m.group(1).trim().split("\\s+")).sorted().toList();
    String env = Files.readString(Path.of("jobs/lib/env.sh"));
    Matcher e = Pattern.compile("DBO_JAVA_FLAGS=\\((.*?)\\)", Pattern.DOTALL).matcher(env);
    assertTrue(e.find());
    List<String> fromScript = Arrays.stream(e.group(1).trim().split("\\s+")).sorted().toList();
    assertEquals(fromPom, fromScript);
    assertTrue(fromPom.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
    assertTrue(fromPom.contains("-Ddev.ludovic.netlib.blas.nativeLib=libopenblas.so.0"));
  }
}
