package dbo.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}, checksummed as {@link LocalFileSystem} is) that sets a file's
 * permissions through {@code java.nio} instead of a {@code chmod} process. Without Hadoop's native library,
 * which the Maven jars do not ship, {@link RawLocalFileSystem#setPermission} forks {@code chmod} for every
 * file it creates (and {@link LocalFileSystem} creates two per file, the data and its {@code .crc}): about
 * 9 ms per file on the project's machine against 1 ms through {@code java.nio} (docs/performance.md). Spark's
 * checkpoint of a round writes one file per agent, and so does a resume save.
 *
 * <p>Installed as {@code fs.file.impl} on local masters, where every task runs in the driver's JVM
 * ({@code dbo.job.run.Sessions}), and in the configuration the driver opens files with before Spark starts
 * ({@link Storage#conf}). Permissions with a sticky, setuid or setgid bit, and file systems without POSIX
 * attributes, go to Hadoop's own implementation.
 */
public final class PosixLocalFileSystem extends LocalFileSystem {
  public PosixLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (unchecksummed) half, with the java.nio permissions. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      short mode = permission.toShort();
      if ((mode & ~0777) != 0) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(mode));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }

  /** The nine rwx bits of {@code mode} (e.g. 0644) as java.nio permissions. */
  static Set<PosixFilePermission> posix(int mode) {
    // PosixFilePermission's constants run OWNER_READ, OWNER_WRITE, ..., OTHERS_EXECUTE: bit 8 down to bit 0.
    PosixFilePermission[] order = PosixFilePermission.values();
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) out.add(order[i]);
    }
    return out;
  }
}
