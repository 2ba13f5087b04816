package dbo.job;

import dbo.job.grid.GridRun;
import dbo.data.Storage;
import dbo.job.output.BadInputException;
import dbo.job.output.RemoteResult;
import dbo.job.output.Versions;
import dbo.job.run.Experiment;
import dbo.job.run.ExperimentRun;
import dbo.input.InputException;
import dbo.job.config.ConfigLoader;
import dbo.job.config.ExperimentConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line: {@code run CONFIG [--set key=value]... [--out DIR] [--overwrite]}. Exit codes:
 * <ul>
 *   <li>0 done: every algorithm converged or spent its budget;
 *   <li>1 internal failure: anything but bad input, an {@link IllegalArgumentException} from the iterations
 *       included; one line on stderr names the log with the stack trace, which is {@code failure.log} in the
 *       run's staging directory {@code .NAME.partial} (kept; nothing is written at the result path), or a
 *       temporary file when the failure came before the run started ({@link InternalFailure});
 *   <li>2 bad input: an {@link InputException} (configuration, data file, option, output directory), one
 *       line on stderr, nothing written;
 *   <li>3 an algorithm diverged: the result directory records it.
 * </ul>
 */
@Command(name = "jobs/run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Runs a decentralized bilevel optimization experiment (SLDBO, S3LDBO, the SPARKLE family,"
        + " D-SOBA, MA-DSBO-GT, MDBO) and writes a result directory with manifest.json, metrics.csv and"
        + " metrics.parquet.",
    footer = {"", "Exit codes: 0 done, 1 internal failure (stack trace in the log named on stderr),"
        + " 2 bad input (nothing written), 3 an algorithm diverged."})
public final class Main implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_BAD_INPUT = 2;
  public static final int EXIT_DIVERGED = 3;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment configuration (HOCON), e.g. conf/quickstart.conf")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one configuration key, e.g. --set run.iterations=500 or --set algorithms.1.p=0.5")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Result directory, a local path or a Hadoop URI such as"
      + " hdfs://namenode:8020/results/x (default: results/<config>-<time>)")
  String out;

  @Option(names = "--overwrite", description = "Replace an existing result directory (or discard an interrupted or failed run)")
  boolean overwrite;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the interrupted (or failed) run whose result directory is DIR from its last checkpoint;"
          + " give the same CONFIG and --set options")
  String resume;

  @Option(names = "--spark-defaults", paramLabel = "FILE",
      description = "Spark properties applied where not already set (jobs/run passes conf/spark-defaults.conf)")
  Path sparkDefaults;

  @Option(names = "--quiet", description = "No progress lines")
  boolean quiet;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command and returns its exit code, without exiting (tests call this). */
  public static int execute(String... args) {
    return execute(UnaryOperator.identity(), args);
  }

  /**
   * As {@link #execute(String...)}, with {@code adjust} applied to the experiment of a single (non-grid) run
   * once it is built and checked. Tests inject internal failures through it (an algorithm that throws); it
   * is no configuration key on purpose.
   */
  static int execute(UnaryOperator<Experiment> adjust, String... args) {
    CommandLine cli = new CommandLine(new Main(adjust));
    cli.setExecutionExceptionHandler(InternalFailure.exitCodes());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
      return EXIT_BAD_INPUT;
    });
    return cli.execute(args);
  }

  private final UnaryOperator<Experiment> adjust;

  /** The result directory once a run has started: an internal failure from then on is logged in its staging area. */
  private Path started;

  /** The result on a Hadoop file system, while the run writes its local working copy. */
  private RemoteResult remote;

  private Main(UnaryOperator<Experiment> adjust) {
    this.adjust = adjust;
  }

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (InputException e) {
      throw e;
    } catch (Exception | Error e) {
      // Bad input found where the data is read (a Spark task on an executor) arrives wrapped in Spark's exception.
      InputException input = inputCause(e);
      if (input != null) throw input;
      // An Error too (out of memory, stack overflow): the run is over either way, and its log says why.
      System.err.println(InternalFailure.report(started, e));
      return EXIT_FAILURE;
    } finally {
      if (remote != null) remote.close();
      // The session's Hadoop configuration (Sessions.open) ends with it; the next run installs its own.
      Storage.use(null);
    }
  }

  /** The {@link InputException} that caused {@code e}, if any. */
  static InputException inputCause(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof InputException input) return input;
    }
    return null;
  }

  private int run() throws Exception {
    ExperimentConfig cfg = ConfigLoader.load(config, overrides);
    Experiment experiment = adjust.apply(Experiment.of(cfg));
    if (resume != null && out != null && !sameLocation(resume, out)) {
      throw new BadInputException("--resume " + resume + " and --out " + out + " name different directories; give only --resume DIR");
    }
    String checkpoints = cfg.spark().checkpointDir();
    if (!checkpoints.isEmpty()) {
      // Before anything is written: an unknown scheme or an unreachable file system is bad input, not a crash.
      try {
        Storage.status(checkpoints);
      } catch (InputException e) {
        throw new BadInputException("spark.checkpoint-dir = " + e.getMessage());
      }
    }
    String location = resume != null ? resume : out;
    Path target;
    if (location != null && Storage.isRemote(location)) {
      remote = RemoteResult.open(location, overwrite, resume != null);
      target = remote.localTarget();
    } else {
      target = location == null ? defaultOut(config) : localPath(location);
    }
    List<String> commandLine = new ArrayList<>();
    commandLine.add(config.toString());
    for (String s : overrides) commandLine.add("--set " + s);
    java.util.function.Consumer<String> progress = quiet ? s -> { } : System.err::println;
    started = target;
    ExperimentRun.Summary summary = cfg.grid().isGrid()
        ? new GridRun(dbo.job.config.ConfigLoader.expandedText(config), cfg, overrides, target, overwrite, resume != null, sparkDefaults,
            commandLine, progress)
            .execute()
        : new ExperimentRun(experiment, target, overwrite, resume != null, sparkDefaults, commandLine, progress)
            .execute();
    System.out.println(summary.table());
    System.out.println("results: " + (remote != null ? remote.target() : summary.directory()));
    if (summary.diverged()) {
      for (String m : summary.messages()) System.err.println("error: " + m);
      return EXIT_DIVERGED;
    }
    return EXIT_OK;
  }

  private static boolean sameLocation(String a, String b) {
    return Storage.isRemote(a) || Storage.isRemote(b) ? Storage.uri(a).equals(Storage.uri(b))
        : localPath(a).toAbsolutePath().normalize().equals(localPath(b).toAbsolutePath().normalize());
  }

  /** A plain path, or a {@code file:} URI as the local path it names. */
  private static Path localPath(String location) {
    return location.startsWith("file:") ? Path.of(Storage.path(location).toUri()) : Path.of(location);
  }

  static Path defaultOut(Path config) {
    String stem = config.getFileName().toString().replaceFirst("\\.conf$", "");
    return Path.of("results", stem + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** Reports the tool's version and its Spark and Java versions. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"dbo-spark " + Versions.tool(), "Spark " + Versions.all().get("spark"),
          "Java " + System.getProperty("java.version")};
    }
  }

}
