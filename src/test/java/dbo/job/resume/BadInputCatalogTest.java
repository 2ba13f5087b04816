package dbo.job.resume;

import dbo.job.Cli;
import dbo.job.Main;
import dbo.job.TestConfig;
import dbo.job.output.ResultDirectory;
import dbo.job.output.Versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.data.DataDirectory;
import dbo.data.IdxFiles;
import dbo.runtime.LocalSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue: each input, given to the CLI as a user would, ends with exit code 2, a one-line
 * message that names the problem (the fragments below) and the fix, no result directory, and an earlier
 * result in that place untouched. The table of messages is written to target/bad-inputs.md for docs/reliability.md's bad-input table.
 */
@LocalSpark.Own
class BadInputCatalogTest {
  private static final String BASE = TestConfig.plain().text();
  private static Path dir;
  private static final List<String> TABLE = new ArrayList<>();

  @BeforeAll
  static void files() throws IOException {
    dir = Files.createTempDirectory("dbo-bad-inputs");
    Files.writeString(dir.resolve("disconnected.txt"), "0 1\n2 3\n");
    Files.writeString(dir.resolve("self-loop.txt"), "0 1\n1 1\n1 2\n2 3\n");
    Files.writeString(dir.resolve("negative.txt"), "0 1 0.5\n1 2 -0.2\n2 3 0.5\n");
    Files.writeString(dir.resolve("bad.conf"), "run { iterations = 10 \n");
    byte[] pixels = new byte[40 * 784];
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) labels[i] = i % 10;
    for (String name : List.of("good", "truncated", "magic", "label")) {
      Path d = dir.resolve(name);
      Files.createDirectories(d);
      IdxFiles.writeImages(d.resolve(DataDirectory.IMAGES), pixels, 40, 28, 28, true);
      IdxFiles.writeLabels(d.resolve(DataDirectory.LABELS), labels, true);
    }
    Path images = dir.resolve("truncated").resolve(DataDirectory.IMAGES);
    IdxFiles.writeImages(images, pixels, 40, 28, 28, false);
    byte[] whole = Files.readAllBytes(images);
    Files.write(images, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path magic = dir.resolve("magic").resolve(DataDirectory.LABELS);
    byte[] bytes = new byte[8 + 40];
    bytes[3] = 0x07;
    Files.write(magic, bytes);
    int[] outOfRange = labels.clone();
    outOfRange[3] = 12;
    IdxFiles.writeLabels(dir.resolve("label").resolve(DataDirectory.LABELS), outOfRange, false);
    StringBuilder table = new StringBuilder("label,a,b,c\n");
    for (int i = 0; i < 40; i++) table.append(i % 3).append(',').append(i).append(",0.5,").append(-i).append('\n');
    Files.writeString(dir.resolve("table.csv"), table.toString());
    Files.writeString(dir.resolve("nan.csv"), table.toString().replace("\n1,4,", "\n1,NaN,"));
    Files.writeString(dir.resolve("classes.csv"), table.toString().replace("\n2,5,", "\n7,5,"));
    Files.writeString(dir.resolve("malformed.svm"), "1 1:0.5 2:0.25\n0 1:0.1 2;0.5\n");
    Files.writeString(dir.resolve("unordered.svm"), "1 1:0.5 2:0.25\n0 1:0.1 2:0.3\n1 3:0.5 2:0.1\n");
    Files.createDirectories(dir.resolve("previous"));
    Files.writeString(dir.resolve("previous/manifest.json"), "{\"previous\": true}");
    Files.writeString(dir.resolve("a-file"), "not a directory");
  }

  @AfterAll
  static void writeTable() throws IOException {
    Files.createDirectories(Path.of("target"));
    List<String> lines = new ArrayList<>(List.of("| input | message (stderr) | exit |", "|---|---|---|"));
    lines.addAll(TABLE);
    Files.write(Path.of("target/bad-inputs.md"), lines);
    ResultDirectory.deleteTree(dir);
  }

  /** The base experiment on another problem than the quadratic one. */
  private static TestConfig on(String problem) {
    return TestConfig.plain().set("problem.type", problem).unset("problem.quadratic");
  }

  private static TestConfig cleaning(String data, String extra) {
    return on("hyper-cleaning").append("problem.hyper-cleaning { data = \"" + dir.resolve(data)
        + "\", train = 20, validation = 8, test = 8 " + extra + "}");
  }

  /** The logistic problem on a table of the test directory; {@code extra} adds keys to its data block. */
  private static TestConfig table(String format, String file, String extra) {
    return on("logistic").append("problem.logistic { data { format = " + format + ", path = \"" + dir.resolve(file)
        + "\"" + extra + " } }");
  }

  static Stream<Arguments> inputs() {
    return Stream.of(
        bad("malformed HOCON", null, List.of("CONFIG=bad.conf"), "malformed HOCON"),
        bad("missing config file", null, List.of("CONFIG=missing.conf"), "config file not found"),
        bad("unknown key", BASE + "run.iteratons = 5", List.of(), "run.iteratons is not a known key"),
        bad("wrong type", BASE + "run.iterations = many", List.of(), "run.iterations"),
        bad("iterations out of range", BASE + "run.iterations = 0", List.of(), "run.iterations = 0"),
        bad("unknown algorithm", BASE + "algorithms = [ { type = sparkel } ]", List.of(), "is not an algorithm"),
        bad("unknown topology", BASE + "topology.type = hexagon", List.of(), "is not a topology"),
        bad("unknown problem", BASE + "problem.type = lasso", List.of(), "problem.type"),
        bad("p outside (0, 1]", BASE + "algorithms = [ { type = s3ldbo, p = 1.5 } ]", List.of(), "0 < p <= 1"),
        bad("negative step", BASE + "algorithm-defaults.alpha = -0.1", List.of(), "alpha = -0.1"),
        bad("theta outside (0, 1]", BASE + "algorithm-defaults.theta = 0", List.of(), "theta"),
        bad("torus on 6 agents without sides", BASE + "problem.agents = 6\ntopology.type = torus", List.of(),
            "topology.rows"),
        bad("disconnected edge list", BASE + "topology { type = edge-list, edge-list = \"" + dir.resolve("disconnected.txt")
            + "\" }", List.of(), "disconnected"),
        bad("self loop in edge list", BASE + "topology { type = edge-list, edge-list = \"" + dir.resolve("self-loop.txt")
            + "\" }", List.of(), "self loop"),
        bad("negative edge weight", BASE + "topology { type = edge-list, edge-list = \"" + dir.resolve("negative.txt")
            + "\" }", List.of(), "line 2"),
        bad("missing edge-list file", BASE + "topology { type = edge-list, edge-list = \"" + dir.resolve("none.txt")
            + "\" }", List.of(), "topology.edge-list"),
        bad("batch larger than a shard", BASE + "algorithms = [ { type = sparkle-ed, batch = 500 } ]", List.of(),
            "batch = 500"),
        bad("operator snapshots on a logistic problem", BASE + "problem.type = logistic\n"
            + "algorithms = [ { type = s3ldbo, snapshot = operators } ]", List.of(), "snapshot = operators"),
        bad("discount gamma = 1 in policy evaluation", on("policy-evaluation").append(
            "problem.policy-evaluation.gamma = 1").text(), List.of(), "problem.policy-evaluation.gamma = 1 is out of range"),
        bad("discount gamma < 0 in policy evaluation", on("policy-evaluation").append(
            "problem.policy-evaluation.gamma = -0.5").text(), List.of(),
            "problem.policy-evaluation.gamma = -0.5 is out of range; allowed: 0 <= gamma < 1"),
        bad("fewer states than features in policy evaluation", on("policy-evaluation").append(
            "problem.policy-evaluation { states = 8, features = 10 }").text(), List.of(),
            "problem.policy-evaluation.states = 8 is out of range"),
        bad("no held-out transitions in policy evaluation", on("policy-evaluation").append(
            "problem.policy-evaluation.test-samples = 0").text(), List.of(), "problem.policy-evaluation.test-samples"),
        bad("single-level ED on a problem without TD(0)", BASE + "algorithms = [ { type = single-level-ed } ]",
            List.of(), "type = single-level-ed needs a single-level (TD(0)) problem"),
        bad("more agents than training samples", cleaning("good", "").set("problem.agents", 30).text(), List.of(),
            "train"),
        bad("missing data directory", cleaning("nowhere", "").text(), List.of(), "jobs/fetch-data"),
        bad("truncated IDX file", cleaning("truncated", "").text(), List.of(), "images"),
        bad("corrupted IDX file (wrong magic)", cleaning("magic", "").text(), List.of(), "magic"),
        bad("label out of range", cleaning("label", "").text(), List.of(), "label"),
        bad("unknown placement", cleaning("good", ", placement = clustered").text(), List.of(), "placement"),
        bad("unknown feature scaling", cleaning("good", ", features = standardised").text(), List.of(), "features"),
        bad("NaN in a feature table", table("csv", "nan.csv", "").text(), List.of(), "nan.csv:6: feature 1 is NaN"),
        bad("NaN in a feature table (Spark runner)", table("csv", "nan.csv", "").set("runner", "spark").text(),
            List.of(), "nan.csv:6: feature 1 is NaN"),
        bad("malformed LIBSVM line", table("libsvm", "malformed.svm", "").text(), List.of(),
            "malformed.svm:2: \"2;0.5\""),
        bad("corrupted LIBSVM line (indices out of order)", table("libsvm", "unordered.svm", "").text(), List.of(),
            "unordered.svm:3: feature index 2 follows 3"),
        bad("table label outside problem.logistic.data.classes", table("csv", "classes.csv", ", classes = 3").text(),
            List.of(), "classes.csv:7: label 7 is out of range [0, 3)"),
        bad("more agents than a table's split can fill", table("csv", "table.csv", "").set("problem.agents", 30).text(),
            List.of(), "would leave an agent without samples"),
        bad("missing table file", table("libsvm", "none.svm", "").text(), List.of(),
            "no such file (problem.logistic.data.path)"),
        bad("table format without a path", TestConfig.plain().set("problem.type", "logistic")
            .append("problem.logistic.data.format = csv").text(), List.of(), "problem.logistic.data.path is empty"),
        bad("output under a file", BASE, List.of("OUT=a-file/result"), "a-file"),
        bad("existing result without --overwrite", BASE, List.of("OUT=previous"), "--overwrite"),
        bad("--resume with nothing to resume", BASE, List.of("--resume"), "no interrupted run"),
        bad("unknown command-line option", BASE, List.of("--frobnicate"), "frobnicate"),
        bad("seed in grid.vary", BASE + "grid { seeds = [1], vary { seed = [1, 2] } }", List.of(), "cannot be varied"),
        bad("--resume of a run saved by another dbo-spark version", BASE, List.of("--resume", "SAVED=other-version"),
            "written by dbo-spark 0.0.1-other"),
        bad("--resume of a run saved in an older checkpoint format", BASE, List.of("--resume", "SAVED=old-format"),
            "(format " + (ResumeStore.FORMAT_VERSION - 1) + "), this is"),
        bad("--resume of a run saved in an unreadable format", BASE, List.of("--resume", "SAVED=garbage"),
            "cannot be read"),
        bad("--resume with another configuration", BASE, List.of("--resume", "SAVED=other-config"),
            "another configuration"));
  }

  private static Arguments bad(String name, String config, List<String> extra, String fragment) {
    return Arguments.of(name, config, extra, fragment);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void isRefusedWithOneLineAndNothingWritten(String name, String config, List<String> extra, String fragment)
      throws IOException {
    Path conf = dir.resolve("experiment.conf");
    if (config != null) Files.writeString(conf, config);
    Path out = dir.resolve("out-" + name.replaceAll("[^a-z0-9]+", "-"));
    List<String> args = new ArrayList<>();
    String configArg = conf.toString();
    for (String e : extra) if (e.startsWith("CONFIG=")) configArg = dir.resolve(e.substring(7)).toString();
    args.add(configArg);
    boolean resume = false;
    String saved = null;
    for (String e : extra) {
      if (e.startsWith("OUT=")) out = dir.resolve(e.substring(4));
      else if (e.equals("--resume")) resume = true;
      else if (e.startsWith("SAVED=")) saved = e.substring(6);
      else if (!e.startsWith("CONFIG=")) args.add(e);
    }
    Path interrupted = saved == null ? null : interruptedRun(out, saved);
    args.add(resume ? "--resume" : "--out");
    args.add(out.toString());
    args.add("--quiet");
    Cli.Run run = Cli.main(args.toArray(new String[0]));
    String captured = run.err();
    String message = captured.lines().filter(l -> l.startsWith("error:")).reduce("", (a, b) -> a + b);
    assertEquals(Main.EXIT_BAD_INPUT, run.code(), name + ": " + captured);
    assertEquals(1, captured.lines().filter(l -> l.startsWith("error:")).count(), name + ": " + captured);
    assertTrue(message.contains(fragment), name + ": '" + message + "' lacks '" + fragment + "'");
    if (!name.startsWith("existing result")) {
      assertFalse(Files.exists(out) && !Files.isRegularFile(out), name + ": a result directory appeared");
    }
    if (interrupted != null) {
      byte[] progress = Files.readAllBytes(interrupted.resolve(ResultDirectory.RESUME_DIRECTORY).resolve("progress.bin"));
      assertTrue(java.util.Arrays.equals(savedProgress, progress), name + ": the interrupted run's checkpoint changed");
      ResultDirectory.deleteTree(interrupted);
    }
    assertEquals("{\"previous\": true}", Files.readString(dir.resolve("previous/manifest.json")));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), name + ": staging left");
    }
    synchronized (TABLE) {
      TABLE.add("| " + name + " | `" + message.replace("|", "\\|").replace(dir.toString(), "...") + "` | " + run.code()
          + " |");
    }
  }

  private static byte[] savedProgress;

  /**
   * Stages an interrupted run of {@code out} (its {@code .NAME.partial/.resume/progress.bin}) as saved by
   * another version ({@code other-version}), in a format this version cannot read ({@code garbage}), in an
   * older checkpoint format ({@code old-format}), or by this version from another configuration
   * ({@code other-config}).
   */
  private static Path interruptedRun(Path out, String kind) throws IOException {
    Path staging = out.resolveSibling("." + out.getFileName() + ".partial");
    Path resumeDir = staging.resolve(ResultDirectory.RESUME_DIRECTORY);
    if (kind.equals("garbage")) {
      Files.createDirectories(resumeDir);
      Files.write(resumeDir.resolve("progress.bin"), "not a checkpoint".getBytes(StandardCharsets.UTF_8));
    } else {
      String version = kind.equals("other-version") ? "0.0.1-other" : Versions.tool();
      int format = kind.equals("old-format") ? ResumeStore.FORMAT_VERSION - 1 : ResumeStore.FORMAT_VERSION;
      ResumeStore.write(resumeDir, new ResumeStore.Progress(format, version,
          ResumeStore.digest("another configuration"), List.of(), 0, null, "states-0-10"));
    }
    savedProgress = Files.readAllBytes(resumeDir.resolve("progress.bin"));
    return staging;
  }
}
