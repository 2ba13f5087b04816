package dbo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file system without a chmod process gives files the permissions Hadoop's own gives them, and stays
 * a checksummed file system (a corrupted file is refused on reading).
 */
class PosixLocalFileSystemTest {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void modeBitsBecomeTheSamePosixPermissions() {
    for (int mode : new int[] {0, 0644, 0755, 0600, 0777, 0421}) {
      String rwx = PosixFilePermissions.toString(PosixLocalFileSystem.posix(mode));
      assertEquals(new FsPermission((short) mode).toString(), rwx, "mode " + Integer.toOctalString(mode));
    }
  }

  private static FileSystem open(String impl) throws IOException {
    Configuration conf = new Configuration(false);
    conf.set(Storage.LOCAL_FS_KEY, impl);
    conf.set("fs.permissions.umask-mode", "027");
    // A new instance, not Hadoop's cached one, so each file system class is really the one asked for.
    return FileSystem.newInstance(java.net.URI.create("file:///"), conf);
  }

  @Test
  void filesGetTheUmaskedPermissionsOfHadoopsOwnFileSystemAndAChecksum() throws IOException {
    try (FileSystem ours = open(PosixLocalFileSystem.class.getName());
         FileSystem hadoops = open(org.apache.hadoop.fs.LocalFileSystem.class.getName())) {
      assertTrue(ours instanceof PosixLocalFileSystem, ours.getClass().getName());
      for (FileSystem fs : new FileSystem[] {ours, hadoops}) {
        Path file = new Path(tmp.toUri().toString(), fs.getClass().getSimpleName() + "/part-00000");
        try (FSDataOutputStream out = fs.create(file, true)) {
          out.writeUTF("slot");
        }
        // umask 027 on Hadoop's default file mode 0666: 0640.
        assertEquals("rw-r-----", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(java.nio.file.Path.of(file.toUri()))), fs.getClass().getName());
        assertTrue(Files.exists(java.nio.file.Path.of(file.getParent().toUri()).resolve(".part-00000.crc")));
        fs.setPermission(file, new FsPermission((short) 0604));
        assertEquals(java.util.EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OTHERS_READ), Files.getPosixFilePermissions(java.nio.file.Path.of(file.toUri())));
      }
      // Still checksummed: a byte changed behind its back fails the read.
      java.nio.file.Path data = tmp.resolve("PosixLocalFileSystem/part-00000");
      byte[] bytes = Files.readAllBytes(data);
      bytes[bytes.length - 1] ^= 1;
      Files.write(data, bytes);
      boolean refused = false;
      try (FSDataInputStream in = ours.open(new Path(data.toUri()))) {
        in.readUTF();
      } catch (org.apache.hadoop.fs.ChecksumException e) {
        refused = true;
      }
      assertTrue(refused, "a corrupted file was read without a checksum error");
    }
  }
}
