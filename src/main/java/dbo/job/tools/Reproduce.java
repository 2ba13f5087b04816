package dbo.job.tools;

import dbo.job.InternalFailure;
import dbo.job.Main;
import dbo.job.output.BadInputException;
import dbo.job.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jobs/reproduce SUITE}: runs the experiments of a reproducibility suite ({@link ReproduceSuite}) with
 * the job itself ({@link Main}), takes the final metrics of every algorithm from their {@code metrics.csv}
 * and compares them with the suite's stored reference within the suite's tolerances. Prints a table and a
 * one-line verdict. Exit codes: 0 every value reproduced; 4 a regression (a value outside its tolerance,
 * missing, or not in the reference); 2 bad input (unknown suite, missing reference, bad suite file; nothing
 * is run; only an {@link dbo.input.InputException}); 1 an internal failure (one line on stderr names the
 * log with the stack trace, {@link InternalFailure}). With {@code --update-reference} it records the measured values as the
 * new reference instead of comparing.
 */
@Command(name = "jobs/reproduce", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Runs a reproducibility suite (conf/reproduce/SUITE.conf) and compares its final metrics with"
        + " the stored reference (conf/reproduce/references/SUITE.json). Exit codes: 0 reproduced,"
        + " 4 regression, 2 bad input, 1 unexpected failure.")
public final class Reproduce implements Callable<Integer> {
  /** A value outside its tolerance, missing or new: distinct from the job's 1, 2 and 3. */
  public static final int EXIT_REGRESSION = 4;

  @Parameters(index = "0", paramLabel = "SUITE", description = "Suite name, e.g. smoke or sparkle-e1")
  String suite;

  @Option(names = "--update-reference",
      description = "Record this run's values as the suite's reference (with versions and date) instead of comparing")
  boolean update;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Directory for the runs' results and comparison.csv (default: results/reproduce-SUITE-<time>)")
  Path out;

  @Option(names = "--overwrite", description = "Replace results already in --out")
  boolean overwrite;

  @Option(names = "--reuse", paramLabel = "DIR",
      description = "Compare the results an earlier jobs/reproduce wrote to DIR instead of running the suite again")
  Path reuse;

  @Option(names = "--suites", paramLabel = "DIR", description = "Directory of the suite files (default: conf/reproduce)")
  Path suites = Path.of("conf", "reproduce");

  @Option(names = "--failures-only", description = "Print only the table lines that did not pass")
  boolean failuresOnly;

  @Option(names = "--spark-defaults", paramLabel = "FILE",
      description = "Spark properties applied where not already set (jobs/reproduce passes conf/spark-defaults.conf)")
  Path sparkDefaults;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command and returns its exit code, without exiting (tests call this). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Reproduce());
    cli.setExecutionExceptionHandler(InternalFailure.exitCodes());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
      return Main.EXIT_BAD_INPUT;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    ReproduceSuite s = ReproduceSuite.load(suites, suite);
    Path referenceFile = ReproduceSuite.referenceFile(suites, suite);
    // Refuse before running: a comparison without a reference would waste the whole run.
    List<ReproduceReference.Value> reference = update ? null : ReproduceReference.read(referenceFile, suite);
    if (reuse != null && out != null) throw new BadInputException("give --reuse DIR or --out DIR, not both");
    Path dir = reuse != null ? reuse : out != null ? out
        : Path.of("results", "reproduce-" + suite + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    // A run that failed has printed the one line that names its log; the suite stops there.
    if (reuse == null && !runAll(s, dir)) return Main.EXIT_FAILURE;
    List<ReproduceReference.Value> measured = ReproduceReference.measure(s, dir);
    if (update) {
      List<String> command = new ArrayList<>(List.of("jobs/reproduce", suite, "--update-reference"));
      ReproduceReference.write(referenceFile, s, measured, command);
      System.out.println(ReproduceComparison.recorded(measured, s.tolerances()).table(false));
      System.out.println("reproduce " + suite + ": " + measured.size() + " values recorded in " + referenceFile);
      return Main.EXIT_OK;
    }
    ReproduceComparison c = ReproduceComparison.of(reference, measured, s.tolerances());
    c.writeCsv(dir.resolve("comparison.csv"));
    System.out.println(c.table(failuresOnly));
    System.out.println(c.summary(suite));
    System.out.println("results: " + dir);
    return c.passed() ? Main.EXIT_OK : EXIT_REGRESSION;
  }

  /**
   * Checks every run's configuration, then runs each with the job into {@code dir/<run>}; false when one
   * failed on an internal error (the job printed where its stack trace is).
   */
  private boolean runAll(ReproduceSuite s, Path dir) throws Exception {
    for (ReproduceSuite.Run r : s.runs()) {
      try {
        if (r.configFile() != null) ConfigLoader.load(r.configFile(), r.overrides());
        else ConfigLoader.parse(r.inlineConfig(), r.overrides());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("suite " + s.name() + ", run " + r.name() + ": " + e.getMessage());
      }
      Path target = dir.resolve(r.name());
      if (!overwrite && Files.isDirectory(target)) {
        try (var entries = Files.list(target)) {
          if (entries.findAny().isPresent()) {
            throw new BadInputException("--out " + dir + " already holds run " + r.name()
                + "; pass --overwrite to replace it or choose another --out");
          }
        }
      }
    }
    Files.createDirectories(dir);
    for (int i = 0; i < s.runs().size(); i++) {
      ReproduceSuite.Run r = s.runs().get(i);
      Path config = r.configFile();
      if (config == null) {
        config = dir.resolve(r.name() + ".conf");
        Files.writeString(config, r.inlineConfig() + "\n");
      }
      List<String> args = new ArrayList<>(List.of(config.toString(), "--out", dir.resolve(r.name()).toString(), "--quiet"));
      for (String o : r.overrides()) args.addAll(List.of("--set", o));
      if (overwrite) args.add("--overwrite");
      if (sparkDefaults != null) args.addAll(List.of("--spark-defaults", sparkDefaults.toString()));
      System.err.printf(Locale.ROOT, "reproduce %s: run %d/%d %s%n", s.name(), i + 1, s.runs().size(), r.name());
      long t0 = System.nanoTime();
      int code = Main.execute(args.toArray(new String[0]));
      System.err.printf(Locale.ROOT, "reproduce %s: run %s finished in %.1f s (exit %d)%n", s.name(), r.name(),
          (System.nanoTime() - t0) / 1e9, code);
      if (code == Main.EXIT_BAD_INPUT) {
        throw new BadInputException("suite " + s.name() + ", run " + r.name() + " was refused (message above); fix the suite");
      }
      if (code == Main.EXIT_FAILURE) return false;
      // EXIT_DIVERGED: the result is complete; the comparison decides.
    }
    return true;
  }
}
