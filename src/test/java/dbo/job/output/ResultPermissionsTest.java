package dbo.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #5, item 6 (moved from SafeDefaultsTest with ResultDirectory): results follow the staging mask. */
class ResultPermissionsTest {
  @TempDir
  Path tmp;

  @Test
  void restrictingPermissionsAppliesTheStagingDirectorysMask() throws IOException {
    // As created under umask 077 ...
    Path strict = Files.createDirectory(tmp.resolve("strict"));
    Files.setPosixFilePermissions(strict, PosixFilePermissions.fromString("rwx------"));
    Path parquet = Files.createDirectory(strict.resolve("metrics.parquet"));
    Files.setPosixFilePermissions(parquet, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path part = Files.writeString(parquet.resolve("part-0"), "x");
    Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
    ResultDirectory.restrictPermissions(strict);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(parquet)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(part)));
    // ... and under umask 000: everything kept except write for others.
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path file = Files.writeString(open.resolve("manifest.json"), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    ResultDirectory.restrictPermissions(open);
    assertEquals("rwxrwxr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
