package dbo.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.security.AccessControlException;

/**
 * The file-system layer every data reader goes through: a location is a Hadoop URI ({@code hdfs://},
 * {@code file://}, {@code s3a://} where the connector is on the class path, ...) or a plain path, which
 * stays on the local disk of the JVM that opens it (it is never resolved against {@code fs.defaultFS}).
 *
 * <p>The Hadoop configuration is the one {@link #use} installed in this JVM: the driver installs its
 * SparkContext's (spark.hadoop.* settings included), a Spark task the driver's broadcast copy
 * ({@link HadoopConf}). Before that (the driver's label scan runs before Spark starts), it is Hadoop's
 * default configuration (core-site.xml and hdfs-site.xml from the class path, e.g. HADOOP_CONF_DIR) plus
 * the {@code spark.hadoop.*} system properties spark-submit sets.
 *
 * <p>Every failure is a {@link DataFileException} whose one line names the location, what went wrong (no
 * such file, no file system for the scheme, the file system cannot be reached, permission denied) and the
 * fix.
 */
public final class Storage {
  private static volatile Configuration installed;
  /** The Hadoop key naming the class of the {@code file:} file system ({@link PosixLocalFileSystem}). */
  public static final String LOCAL_FS_KEY = "fs.file.impl";

  private Storage() {}

  /** Makes {@code conf} the configuration this JVM opens file systems with. */
  public static void use(Configuration conf) {
    installed = conf;
  }

  /** The configuration in use (see the class comment). */
  public static Configuration conf() {
    Configuration c = installed;
    if (c != null) return c;
    Configuration fresh = new Configuration();
    for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.startsWith("spark.hadoop.")) fresh.set(key.substring("spark.hadoop.".length()), String.valueOf(e.getValue()));
    }
    // Hadoop caches one file system per scheme and user, made with the first configuration that asks: local
    // files opened here (before Spark starts) and by a local master's Spark later share the same one.
    if (fresh.get(LOCAL_FS_KEY) == null) fresh.set(LOCAL_FS_KEY, PosixLocalFileSystem.class.getName());
    return fresh;
  }

  /** True when {@code location} names a URI with a scheme other than {@code file} (hdfs, s3a, ...). */
  public static boolean isRemote(String location) {
    String scheme = scheme(location);
    return scheme != null && !scheme.equals("file");
  }

  /** The scheme of {@code location}, or null for a plain path. */
  static String scheme(String location) {
    int colon = location.indexOf(':');
    // A one-letter scheme is a Windows drive (C:\data), not a URI.
    if (colon < 2 || !location.startsWith("/", colon + 1)) return null;
    String scheme = location.substring(0, colon);
    return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme.toLowerCase(java.util.Locale.ROOT) : null;
  }

  /** {@code location} as a fully qualified Hadoop path: a plain path becomes {@code file:} + its absolute form. */
  public static Path path(String location) {
    if (scheme(location) == null) {
      return new Path(java.nio.file.Path.of(location).toAbsolutePath().normalize().toUri());
    }
    return new Path(URI.create(location.replace(" ", "%20")));
  }

  /** {@link #path} as a URI string, as Spark's readers ({@code textFile}, {@code binaryFiles}) take it. */
  public static String uri(String location) {
    return path(location).toUri().toString();
  }

  /** The location of {@code name} inside the directory {@code dir}, in the form {@code dir} was given. */
  public static String child(String dir, String name) {
    if (scheme(dir) == null) return java.nio.file.Path.of(dir).resolve(name).toString();
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** The file system holding {@code location}. */
  public static FileSystem fileSystem(String location) {
    Path p = path(location);
    try {
      return p.getFileSystem(conf());
    } catch (IOException | RuntimeException e) {
      throw failure(location, e);
    }
  }

  /** The status of {@code location}, or null when nothing is there. */
  public static FileStatus status(String location) {
    try {
      return fileSystem(location).getFileStatus(path(location));
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      throw failure(location, e);
    }
  }

  public static boolean isFile(String location) {
    FileStatus s = status(location);
    return s != null && s.isFile();
  }

  public static boolean isDirectory(String location) {
    FileStatus s = status(location);
    return s != null && s.isDirectory();
  }

  /** Modification time in ms, or -1 when there is no such file. */
  public static long modified(String location) {
    FileStatus s = status(location);
    return s == null ? -1 : s.getModificationTime();
  }

  /** The names of the entries of a directory, sorted. */
  public static List<String> list(String dir) {
    try {
      List<String> out = new ArrayList<>();
      for (FileStatus s : fileSystem(dir).listStatus(path(dir))) out.add(s.getPath().getName());
      out.sort(null);
      return out;
    } catch (IOException | RuntimeException e) {
      throw failure(dir, e);
    }
  }

  /** Opens a file for reading; a missing file is a {@link DataFileException} that says so. */
  public static InputStream open(String location) {
    try {
      return fileSystem(location).open(path(location));
    } catch (IOException | RuntimeException e) {
      throw failure(location, e);
    }
  }

  /**
   * A text file as UTF-8 lines (malformed bytes are an error, as with {@code Files.newBufferedReader}); a
   * missing file is a {@link DataFileException} that names {@code key}, the setting it came from.
   */
  public static java.io.BufferedReader reader(String location, String key) {
    if (status(location) == null) {
      throw new DataFileException(location + ": no such file (" + key + "); check the path");
    }
    return new java.io.BufferedReader(new java.io.InputStreamReader(open(location),
        java.nio.charset.StandardCharsets.UTF_8.newDecoder()), 1 << 16);
  }

  /**
   * The one-line {@link DataFileException} for a failure on {@code location}: no such file, no file system
   * for the scheme, unreachable, permission denied, or else the I/O error itself.
   */
  public static DataFileException failure(String location, Exception e) {
    if (e instanceof DataFileException d) return d;
    String scheme = scheme(location);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnsupportedFileSystemException
          || t.getMessage() != null && t.getMessage().startsWith("No FileSystem for scheme")) {
        return new DataFileException(location + ": no Hadoop file system for scheme \"" + scheme + "\"; use a"
            + " plain local path, file://, hdfs:// or a scheme whose connector is on Spark's class path (s3a://"
            + " needs hadoop-aws)", e);
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
        URI u = path(location).toUri();
        return new DataFileException(location + ": cannot reach the file system at " + u.getAuthority() + " ("
            + t.getClass().getSimpleName() + "); check that the NameNode (or store) is running and that the URI's"
            + " host and port are right", e);
      }
      if (t instanceof AccessControlException || t instanceof AccessDeniedException) {
        return new DataFileException(location + ": permission denied (" + firstLine(t.getMessage()) + "); grant"
            + " this user access or choose another path", e);
      }
      if (t instanceof FileNotFoundException || t instanceof java.nio.file.NoSuchFileException) {
        return new DataFileException(location + ": no such file or directory; check the path (or run"
            + " jobs/fetch-data)", e);
      }
    }
    return new DataFileException(location + ": cannot read (" + firstLine(e.getMessage()) + ")", e);
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
