package dbo.hdfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for the tests: one NameNode and one DataNode (hadoop-client-minicluster, the Hadoop version
 * Spark ships) in this JVM, listening on 127.0.0.1 only, with its storage under a directory the test owns.
 * A test class starts it once ({@code @BeforeAll}) and closes it ({@code @AfterAll}); starting takes a few
 * seconds. Paths are written as full URIs ({@link #uri}), as a user would give them, so nothing depends
 * on {@code fs.defaultFS}.
 */
public final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final String root;

  private MiniHdfs(MiniDFSCluster cluster) {
    this.cluster = cluster;
    this.root = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /** Starts a NameNode and a DataNode whose storage is under {@code base} (created if missing). */
  public static MiniHdfs start(Path base) throws IOException {
    Files.createDirectories(base);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toAbsolutePath().toString());
    // Small files replicate once; no web UIs are needed (their ports would be opened on 127.0.0.1 anyway).
    conf.setInt("dfs.replication", 1);
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    cluster.waitActive();
    return new MiniHdfs(cluster);
  }

  /** {@code hdfs://127.0.0.1:PORT} followed by {@code path} (which starts with '/'). */
  public String uri(String path) {
    return root + path;
  }

  /** The NameNode's port. */
  public int port() {
    return cluster.getNameNodePort();
  }

  /** A client of this HDFS (as the user running the tests, who is its superuser). */
  public FileSystem fs() throws IOException {
    return cluster.getFileSystem();
  }

  /** Copies a local file or directory to {@code path} on this HDFS. */
  public void put(Path local, String path) throws IOException {
    fs().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(path));
  }

  /** Copies {@code path} on this HDFS to a local file or directory. */
  public void get(String path, Path local) throws IOException {
    fs().copyToLocalFile(false, new org.apache.hadoop.fs.Path(path), new org.apache.hadoop.fs.Path(local.toUri()), true);
  }

  public boolean exists(String path) throws IOException {
    return fs().exists(new org.apache.hadoop.fs.Path(path));
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
