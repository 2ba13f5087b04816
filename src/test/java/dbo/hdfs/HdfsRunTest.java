package dbo.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.DataDirectory;
import dbo.data.DataPublish;
import dbo.data.Dataset;
import dbo.data.TableSource;
import dbo.data.IdxFiles;
import dbo.data.PlacementRule;
import dbo.job.Cli;
import dbo.job.output.BadInputException;
import dbo.job.output.RemoteResult;
import dbo.job.output.ResultDirectory;
import dbo.problem.HyperparameterShape;
import dbo.problem.LocalProblem;
import dbo.problem.LogisticHpoTableProblem;
import dbo.runtime.AgentPartitioner;
import dbo.runtime.LocalSpark;
import dbo.runtime.SparkShards;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs whose data, checkpoints and results are on a real HDFS ({@link MiniHdfs}: NameNode and DataNode on
 * 127.0.0.1, started once for the class): a hyper-cleaning run on IDX files and a logistic run on a Parquet
 * table, both on the Spark runner, read from HDFS and write their Spark checkpoints, resume files and result
 * there; each ends with the bits of the same run on local files. Bad input on that path (an unknown scheme,
 * a missing HDFS file, an unreachable NameNode, permission denied on --out) exits 2 with one line naming the
 * path, and writes nothing, neither locally nor on HDFS.
 */
@LocalSpark.Own
class HdfsRunTest {
  @TempDir
  static Path shared;
  private static MiniHdfs hdfs;
  private static Path localData;
  private static Path localTable;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startHdfs() throws Exception {
    hdfs = MiniHdfs.start(shared.resolve("hdfs"));
    localData = smallFashionMnist(shared.resolve("fashion-mnist"));
    // As jobs/fetch-data --publish does.
    DataPublish.publish(localData, hdfs.uri("/data/fashion-mnist"));
    localTable = shared.resolve("table.parquet");
    writeParquet(localTable);
    hdfs.put(localTable, "/data/table.parquet");
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) hdfs.close();
  }

  /** 300 gzip IDX images of 28 x 28, learnable: each class lights its own band of rows. */
  static Path smallFashionMnist(Path dir) throws IOException {
    Files.createDirectories(dir);
    int n = 300;
    byte[] pixels = new byte[n * 28 * 28];
    int[] labels = new int[n];
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int p = 0; p < 784; p++) {
        int signal = (p / 28) / 3 == labels[i] ? 200 : 0;
        pixels[i * 784 + p] = (byte) Math.min(255, signal + rng.nextInt(40));
      }
    }
    IdxFiles.writeImages(dir.resolve(DataDirectory.IMAGES), pixels, n, 28, 28, true);
    IdxFiles.writeLabels(dir.resolve(DataDirectory.LABELS), labels, true);
    return dir;
  }

  /**
   * A Parquet table of three part files (label "y", features "a", "b", "c"), written with parquet-hadoop's
   * example writer so that the class needs no Spark session of its own.
   */
  private static void writeParquet(Path dir) throws IOException {
    Files.createDirectories(dir);
    MessageType schema = MessageTypeParser.parseMessageType(
        "message row { required int64 y; required double a; required double b; required double c; }");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    SplittableRandom rng = new SplittableRandom(3);
    for (int part = 0; part < 3; part++) {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("part-0000" + part + ".parquet").toUri());
      try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file).withType(schema).build()) {
        for (int s = 0; s < 50; s++) {
          double a = rng.nextGaussian();
          double b = rng.nextGaussian();
          w.write(rows.newGroup().append("y", (long) (a + b > 0 ? 1 : 0)).append("a", a).append("b", b)
              .append("c", rng.nextGaussian()));
        }
      }
    }
  }

  private static String hyperCleaning(String runner, String data, String checkpoints) {
    return """
        runner = %s
        spark { master = "local[2]", checkpoint-dir = "%s" }
        problem { type = hyper-cleaning, agents = 2
                  hyper-cleaning { data = "%s", corruption = 0.3, train = 200, validation = 50, test = 50 } }
        topology.type = ring
        run { iterations = 10, log-every = 5, checkpoint-every = 5 }
        algorithms = [ { type = sldbo } ]
        """.formatted(runner, checkpoints, data);
  }

  private static String parquet(String runner, String table, String checkpoints) {
    return """
        runner = %s
        spark { master = "local[2]", checkpoint-dir = "%s" }
        problem { type = logistic, agents = 3
                  logistic.data { format = parquet, path = "%s", label-column = y } }
        topology.type = ring
        run { iterations = 10, log-every = 5, checkpoint-every = 5 }
        algorithms = [ { type = sldbo } ]
        """.formatted(runner, checkpoints, table);
  }

  @Test
  void hyperCleaningOnHdfsGivesTheBitsOfTheLocalRun() throws Exception {
    List<String> remote = runOnHdfs("hc", hyperCleaning("spark", hdfs.uri("/data/fashion-mnist"),
        hdfs.uri("/checkpoints/hc")));
    List<String> local = runLocally("hc", hyperCleaning("spark", localData.toString(), tmp.resolve("cp").toString()));
    assertEquals(local, remote);
    String manifest = read("/results/hc/manifest.json");
    assertTrue(manifest.contains(hdfs.uri("/data/fashion-mnist")), "the manifest records the data URI");
    assertTrue(manifest.contains(hdfs.uri("/checkpoints/hc")), "the manifest records the checkpoint URI");
  }

  /**
   * Also issue 13 item 5: with spark.eventLog.dir on HDFS, the run's event log lands there (uncompressed here,
   * so the test can read it), and a history server pointed at that directory would list it under the name
   * {@code dbo-spark CONFIG RESULT}.
   */
  @Test
  void parquetTableOnHdfsGivesTheBitsOfTheLocalRun() throws Exception {
    hdfs.fs().mkdirs(new org.apache.hadoop.fs.Path("/events"));
    Map<String, String> eventLog = Map.of("spark.eventLog.enabled", "true",
        "spark.eventLog.dir", hdfs.uri("/events"), "spark.eventLog.compress", "false");
    eventLog.forEach(System::setProperty);
    List<String> remote;
    try {
      remote = runOnHdfs("pq", parquet("spark", hdfs.uri("/data/table.parquet"), hdfs.uri("/checkpoints/pq")));
    } finally {
      eventLog.keySet().forEach(System::clearProperty);
    }
    // Spark 4 writes a rolling log: one directory eventlog_v2_APPID per application, events_N_APPID files in it.
    FileStatus[] apps = hdfs.fs().listStatus(new org.apache.hadoop.fs.Path("/events"));
    assertEquals(1, apps.length, "one event log for the one application");
    StringBuilder events = new StringBuilder();
    for (FileStatus f : hdfs.fs().listStatus(apps[0].getPath())) {
      if (f.getPath().getName().startsWith("events_")) events.append(read(f.getPath().toUri().getPath()));
    }
    assertTrue(events.toString().lines().anyMatch(l -> l.contains("\"Event\":\"SparkListenerApplicationStart\"")
        && l.contains("\"App Name\":\"dbo-spark pq-hdfs pq\"")), "the event log names the run");
    List<String> local = runLocally("pq", parquet("spark", localTable.toString(), tmp.resolve("cp").toString()));
    assertEquals(local, remote);
  }

  /**
   * Runs {@code config} with {@code --out} on HDFS and returns its metrics without wall time; checks that the
   * result appeared whole, that the Spark checkpoints were on HDFS, and that the local working copy is gone.
   */
  private List<String> runOnHdfs(String name, String config) throws Exception {
    Path conf = tmp.resolve(name + "-hdfs.conf");
    Files.writeString(conf, config);
    String out = hdfs.uri("/results/" + name);
    assertEquals(0, Cli.main(conf.toString(), "--out", out, "--quiet").code());
    assertTrue(hdfs.exists("/results/" + name + "/metrics.parquet"));
    assertFalse(hdfs.exists("/results/." + name + ".partial"), "the staging directory became the result");
    assertFalse(hdfs.exists("/results/" + name + "/.resume"));
    FileStatus[] checkpoints = hdfs.fs().listStatus(new org.apache.hadoop.fs.Path("/checkpoints/" + name));
    assertTrue(checkpoints.length > 0, "Spark checkpointed on HDFS");
    try (Stream<Path> s = Files.exists(workingCopies()) ? Files.list(workingCopies()) : Stream.empty()) {
      assertEquals(0, s.count(), "no local working copy is left");
    }
    // A second run to the same --out is refused before it starts (RemoteResultTest: --overwrite replaces it).
    List<String> before = everything();
    assertEquals(2, Cli.main(conf.toString(), "--out", out, "--quiet").code());
    assertEquals(before, everything());
    return withoutWallTime(read("/results/" + name + "/metrics.csv"));
  }

  private List<String> runLocally(String name, String config) throws IOException {
    Path conf = tmp.resolve(name + ".conf");
    Files.writeString(conf, config);
    Path out = tmp.resolve("out-" + name);
    assertEquals(0, Cli.main(conf.toString(), "--out", out.toString(), "--quiet").code());
    return withoutWallTime(Files.readString(out.resolve("metrics.csv")));
  }

  /** A published data set reads back from HDFS with the local bits; publishing again leaves it alone. */
  @Test
  void aPublishedDataSetReadsBackBitForBit() {
    String uri = hdfs.uri("/data/fashion-mnist");
    Dataset remote = DataDirectory.load(uri);
    Dataset local = DataDirectory.load(localData);
    int[] all = java.util.stream.IntStream.range(0, local.rows()).toArray();
    assertArrayEquals(local.columnMajor(all, false), remote.columnMajor(all, false));
    assertArrayEquals(local.labels(), remote.labels());
    assertArrayEquals(local.labels(), DataDirectory.cachedLabels(uri));
    assertTrue(DataPublish.publish(localData, uri).contains("already holds a data set"));
  }

  /** CSV and LIBSVM tables on HDFS: the driver's label scan and the plain reader give the local bits. */
  @Test
  void textTablesReadFromHdfsGiveTheLocalBits() throws IOException {
    Path csv = Files.writeString(tmp.resolve("t.csv"), "label,a,b\n1,0.5,-2\n0,1e-3,7.25\n\n1,3,0.125\n");
    Path libsvm = Files.writeString(tmp.resolve("t.libsvm"), "1 1:0.5 3:-2 # c\n-1 2:1e-3\n1 1:3 2:0.125 3:1\n");
    hdfs.put(csv, "/tables/t.csv");
    hdfs.put(libsvm, "/tables/t.libsvm");
    for (TableSource.Format f : List.of(TableSource.Format.CSV, TableSource.Format.LIBSVM)) {
      Path file = f == TableSource.Format.CSV ? csv : libsvm;
      TableSource local = new TableSource(f, file.toString(), 0, 0);
      TableSource remote = new TableSource(f, hdfs.uri("/tables/" + file.getFileName()), 0, 0);
      TableSource.Labels a = local.scanLabels();
      TableSource.Labels b = remote.scanLabels();
      assertArrayEquals(a.lines(), b.lines(), f + ": line numbers");
      assertArrayEquals(a.labels(), b.labels(), f + ": labels");
      assertEquals(a.features(), b.features());
      Dataset x = local.read();
      Dataset y = remote.read();
      int[] all = java.util.stream.IntStream.range(0, x.rows()).toArray();
      assertArrayEquals(x.columnMajor(all, false), y.columnMajor(all, false), f + ": features");
    }
  }

  /**
   * Spark's readers of a table on HDFS ({@code textFile} for CSV and LIBSVM, {@code binaryFiles} for IDX, on
   * the executors) give the shards the plain readers give in one JVM from the same URI, byte for byte.
   */
  @Test
  void sparkReadsTextAndIdxTablesFromHdfsAsThePlainReadersDo() throws IOException {
    StringBuilder csv = new StringBuilder("label,a,b,c\n");
    StringBuilder libsvm = new StringBuilder();
    SplittableRandom rng = new SplittableRandom(11);
    for (int r = 0; r < 40; r++) {
      double a = rng.nextGaussian();
      double b = rng.nextGaussian();
      int label = a - b > 0 ? 1 : 0;
      csv.append(label).append(',').append(a).append(',').append(b).append(',').append(rng.nextGaussian()).append('\n');
      libsvm.append(label).append(" 1:").append(a).append(" 3:").append(b).append('\n');
    }
    hdfs.put(Files.writeString(tmp.resolve("s.csv"), csv), "/tables/s.csv");
    hdfs.put(Files.writeString(tmp.resolve("s.libsvm"), libsvm), "/tables/s.libsvm");
    JavaSparkContext jsc = LocalSpark.start("local[2]");
    try {
      for (TableSource source : List.of(new TableSource(TableSource.Format.CSV, hdfs.uri("/tables/s.csv"), 0, 0),
          new TableSource(TableSource.Format.LIBSVM, hdfs.uri("/tables/s.libsvm"), 0, 0),
          new TableSource(TableSource.Format.IDX, hdfs.uri("/data/fashion-mnist"), 0, 0))) {
        LogisticHpoTableProblem spec = new LogisticHpoTableProblem(2, source, 0.5, 0.25, 0.25, PlacementRule.iid(),
            HyperparameterShape.PER_FEATURE, 3L, -2.0);
        List<LocalProblem> onSpark = SparkShards.build(jsc, spec, new AgentPartitioner(2)).collect();
        for (int i = 0; i < 2; i++) {
          assertArrayEquals(bytes(spec.build(i)), bytes(onSpark.get(i)), source.format() + ": agent " + i);
        }
      }
    } finally {
      jsc.stop();
    }
  }

  private static byte[] bytes(Object o) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream w = new java.io.ObjectOutputStream(out)) {
      w.writeObject(o);
    }
    return out.toByteArray();
  }

  /**
   * The remote result's protocol without a run: the staging directory is claimed first, the result appears
   * only at the commit, whole; a taken --out is refused; --overwrite replaces the old result only at the
   * commit; a run abandoned without a checkpoint leaves nothing.
   */
  @Test
  void aRemoteResultAppearsWholeAndIsReplacedOnlyWithOverwrite() throws Exception {
    String out = hdfs.uri("/results/unit");
    publish(out, false, "a.txt", "one");
    assertEquals("one", read("/results/unit/a.txt"));
    assertFalse(hdfs.exists("/results/.unit.partial"));

    String refused = assertThrows(BadInputException.class, () -> RemoteResult.open(out, false, false)).getMessage();
    assertTrue(refused.contains("already holds a result") && refused.contains("--overwrite"), refused);
    assertFalse(hdfs.exists("/results/.unit.partial"));

    publish(out, true, "b.txt", "two");
    assertFalse(hdfs.exists("/results/unit/a.txt"), "the old result was replaced");
    assertEquals("two", read("/results/unit/b.txt"));

    try (RemoteResult r = RemoteResult.open(hdfs.uri("/results/abandoned"), false, false)) {
      assertTrue(hdfs.exists("/results/.abandoned.partial"), "claimed before anything is written");
    }
    assertFalse(hdfs.exists("/results/.abandoned.partial"));
    assertFalse(hdfs.exists("/results/abandoned"));
    assertFalse(Files.exists(workingCopies()) && Files.list(workingCopies()).findAny().isPresent());
  }

  /** Writes one file as a result at {@code out}, checking that nothing new is visible there before the commit. */
  private void publish(String out, boolean overwrite, String file, String text) throws IOException {
    String path = new org.apache.hadoop.fs.Path(out).toUri().getPath();
    try (RemoteResult r = RemoteResult.open(out, overwrite, false);
         ResultDirectory d = ResultDirectory.open(r.localTarget(), overwrite, false)) {
      assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(path).getParent() + "/."
          + new org.apache.hadoop.fs.Path(path).getName() + ".partial"));
      Files.writeString(d.staging().resolve(file), text);
      assertFalse(hdfs.exists(path + "/" + file));
      d.commit();
    }
  }

  @Test
  void badInputOnHdfsIsOneLineExitTwoAndWritesNothing() throws Exception {
    Path conf = tmp.resolve("bad.conf");
    String cp = tmp.resolve("cp").toString();
    String out = hdfs.uri("/results/bad");

    Files.writeString(conf, hyperCleaning("spark", "foo://somewhere/data", cp));
    refused(conf, out, "foo://somewhere/data", "no Hadoop file system for scheme \"foo\"");

    Files.writeString(conf, hyperCleaning("spark", hdfs.uri("/data/missing"), cp));
    refused(conf, out, hdfs.uri("/data/missing"), "is not a directory");

    Files.writeString(conf, parquet("spark", hdfs.uri("/data/missing.parquet"), cp));
    refused(conf, out, hdfs.uri("/data/missing.parquet"), "no such Parquet file or directory");

    Files.writeString(conf, hyperCleaning("spark", localData.toString(), cp));
    refused(conf, "foo://x/out", "foo://x/out", "no Hadoop file system for scheme \"foo\"");

    Files.writeString(conf, hyperCleaning("spark", localData.toString(), "foo://x/checkpoints"));
    refused(conf, out, "spark.checkpoint-dir = foo://x/checkpoints", "no Hadoop file system for scheme \"foo\"");

    // Found only where the images are decoded, in a Spark task: the driver unwraps it from Spark's exception.
    // (Checkpoints under the result's staging directory, so that the run's own files are all removed.)
    Path broken = tmp.resolve("broken");
    Files.createDirectories(broken);
    Files.copy(localData.resolve(DataDirectory.LABELS), broken.resolve(DataDirectory.LABELS));
    byte[] images = Files.readAllBytes(localData.resolve(DataDirectory.IMAGES));
    Files.write(broken.resolve(DataDirectory.IMAGES), java.util.Arrays.copyOf(images, images.length / 2));
    hdfs.put(broken, "/data/broken");
    ResultDirectory.deleteTree(broken);
    Files.writeString(conf, hyperCleaning("spark", hdfs.uri("/data/broken"), ""));
    refused(conf, out, hdfs.uri("/data/broken/" + DataDirectory.IMAGES), "truncated");

    System.setProperty("spark.hadoop.ipc.client.connect.max.retries", "0");
    try {
      Files.writeString(conf, hyperCleaning("spark", "hdfs://127.0.0.1:1/data", cp));
      refused(conf, out, "hdfs://127.0.0.1:1/data", "cannot reach the file system at 127.0.0.1:1");
      Files.writeString(conf, hyperCleaning("spark", localData.toString(), cp));
      refused(conf, "hdfs://127.0.0.1:1/results/x", "hdfs://127.0.0.1:1/results/x",
          "cannot reach the file system at 127.0.0.1:1");
    } finally {
      System.clearProperty("spark.hadoop.ipc.client.connect.max.retries");
    }

    // Permission denied: a directory only its owner (the superuser who started HDFS) may write, and a run as alice.
    hdfs.fs().mkdirs(new org.apache.hadoop.fs.Path("/locked"), new FsPermission((short) 0555));
    hdfs.fs().setPermission(new org.apache.hadoop.fs.Path("/locked"), new FsPermission((short) 0555));
    UserGroupInformation alice = UserGroupInformation.createRemoteUser("alice");
    Cli.Run[] asAlice = new Cli.Run[1];
    List<String> before = everything();
    alice.doAs((PrivilegedExceptionAction<Void>) () -> {
      asAlice[0] = Cli.main(conf.toString(), "--out", hdfs.uri("/locked/out"), "--quiet");
      return null;
    });
    assertEquals(2, asAlice[0].code(), asAlice[0].err());
    oneLine(asAlice[0], hdfs.uri("/locked/out"), "permission denied");
    assertEquals(before, everything(), "nothing written");
  }

  /** The run exits 2 with one line naming {@code path} and saying {@code what}, and writes nothing. */
  private void refused(Path conf, String out, String path, String what) throws Exception {
    List<String> before = everything();
    Cli.Run r = Cli.main(conf.toString(), "--out", out, "--quiet");
    assertEquals(2, r.code(), r.err());
    oneLine(r, path, what);
    assertEquals(before, everything(), "nothing written");
  }

  private static void oneLine(Cli.Run r, String path, String what) {
    List<String> lines = r.errors();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).contains(path) && lines.get(0).contains(what), r.err());
  }

  /** Every path on the HDFS and under the test's local directories and the working copies' directory. */
  private List<String> everything() throws IOException {
    List<String> out = new ArrayList<>();
    var it = hdfs.fs().listFiles(new org.apache.hadoop.fs.Path("/"), true);
    while (it.hasNext()) out.add(it.next().getPath().toUri().getPath());
    for (Path root : List.of(tmp, workingCopies())) {
      if (!Files.exists(root)) continue;
      try (Stream<Path> s = Files.walk(root)) {
        s.map(Path::toString).filter(p -> !p.endsWith(".conf")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  private static Path workingCopies() {
    return Path.of(System.getProperty("java.io.tmpdir"), "dbo-spark-remote");
  }

  private static String read(String path) throws IOException {
    try (var in = hdfs.fs().open(new org.apache.hadoop.fs.Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> withoutWallTime(String csv) {
    List<String> out = new ArrayList<>();
    for (String line : csv.split("\n")) {
      String[] f = line.split(",", -1);
      f[2] = "";
      out.add(String.join(",", f));
    }
    return out;
  }
}
