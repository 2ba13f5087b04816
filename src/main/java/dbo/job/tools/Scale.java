package dbo.job.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jobs/scale}: the synthetic logistic problem of a configuration (by default
 * conf/experiments/logistic-scale.conf: 64 agents, 784 features, 10 classes, SLDBO) at several total training
 * sizes, each size and runner in a fresh JVM ({@link ScaleMeasurement}) so that peak memory is that size's
 * alone; prints seconds per iteration, shard build time, oracle GFLOP/s and peak memory per size, and each
 * figure's ratio to the smallest size next to the ratio of the sizes (linear growth makes them equal).
 */
@Command(name = "jobs/scale", mixinStandardHelpOptions = true,
    description = "Time and memory of the synthetic logistic problem at growing sizes, one JVM per size and runner.")
public final class Scale implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "A synthetic logistic configuration (default ${DEFAULT-VALUE}); its first algorithm runs")
  Path config = Path.of(System.getProperty("dbo.root", "."), "conf", "experiments", "logistic-scale.conf");

  @Option(names = "--sizes", split = ",", paramLabel = "N",
      description = "Total training samples, spread evenly over the agents (default ${DEFAULT-VALUE})")
  List<Long> sizes = new ArrayList<>(List.of(250_000L, 500_000L, 1_000_000L));

  @Option(names = "--runner", paramLabel = "R", description = "spark, in-process or both (default ${DEFAULT-VALUE})")
  String runner = "both";

  @Option(names = "--master", paramLabel = "M", description = "Spark master (default ${DEFAULT-VALUE})")
  String master = "local[2]";

  @Option(names = "--xmx", paramLabel = "SIZE",
      description = "Heap limit of every measuring JVM (default ${DEFAULT-VALUE})")
  String xmx = "14g";

  @Option(names = "--iterations", paramLabel = "N", description = "Timed iterations (default ${DEFAULT-VALUE})")
  int iterations = 5;

  @Option(names = "--block", paramLabel = "N",
      description = "Iterations per timed block, each ending with the per-agent reports (default ${DEFAULT-VALUE})")
  int block = 1;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed iterations first (default ${DEFAULT-VALUE})")
  int warmup = 1;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, as jobs/run does")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--spark-defaults", paramLabel = "FILE",
      description = "Spark properties applied where not already set (jobs/scale passes conf/spark-defaults.conf)")
  Path sparkDefaults;

  @Option(names = "--measure", hidden = true, paramLabel = "N",
      description = "Internal: measure this one size on --runner (spark or in-process) in this JVM")
  Long measure;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Scale());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
      return 2;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!List.of("in-process", "spark", "both").contains(runner)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--runner " + runner
          + " is not one of in-process, spark, both");
    }
    int blocks = Math.max(1, iterations / block);
    if (measure != null) {
      System.out.println(ScaleMeasurement.measure(config, measure, runner, master, overrides, sparkDefaults, warmup,
          block, blocks).line());
      return 0;
    }
    List<String> runners = runner.equals("both") ? List.of("spark", "in-process") : List.of(runner);
    System.out.printf(Locale.ROOT, "scale: %s, first algorithm; sizes %s; runners %s (Spark on %s; executors in this"
            + " JVM on a local master); -Xmx%s; %d warm-up + %d timed iterations in blocks of %d; load %s%n", config,
        sizes, runners, master, xmx, warmup, blocks * block, block, Benchmark.load());
    List<ScaleMeasurement.Result> results = new ArrayList<>();
    for (String r : runners) {
      for (long n : sizes) {
        ScaleMeasurement.Result res = child(n, r);
        results.add(res);
        System.out.println(HEADER);
        System.out.println(row(res));
      }
    }
    System.out.println();
    System.out.println(HEADER);
    for (ScaleMeasurement.Result res : results) System.out.println(row(res));
    System.out.println();
    for (String r : runners) ratios(results.stream().filter(x -> x.runner().equals(r)).toList());
    return 0;
  }

  /** Runs one size in a fresh JVM with this JVM's flags and class path and the chosen heap limit. */
  private ScaleMeasurement.Result child(long n, String r) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Xmx")) cmd.add(a);
    }
    cmd.add("-Xmx" + xmx);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Scale.class.getName(), "--measure",
        Long.toString(n), "--runner", r, "--config", config.toString(), "--master", master, "--iterations",
        Integer.toString(iterations), "--block", Integer.toString(block), "--warmup", Integer.toString(warmup)));
    if (sparkDefaults != null) cmd.addAll(List.of("--spark-defaults", sparkDefaults.toString()));
    for (String s : overrides) cmd.addAll(List.of("--set", s));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    ScaleMeasurement.Result result = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith(ScaleMeasurement.PREFIX)) {
          result = ScaleMeasurement.Result.parse(line);
        } else {
          System.out.println(line);
        }
      }
    }
    int code = p.waitFor();
    if (code != 0 || result == null) {
      throw new IllegalStateException("the measurement of " + n + " samples on " + r + " failed (exit " + code
          + "); its messages are above");
    }
    return result;
  }

  static final String HEADER = String.format(Locale.ROOT,
      "%-10s %-10s %9s %8s %8s %9s %9s %10s %8s %10s %10s %10s %10s %6s", "samples", "runner", "per-agent",
      "setup_s", "build_s", "s_per_it", "cpu_s_it", "GFLOP_it", "GFLOP/s", "feat_GiB", "live_GiB", "heap_GiB",
      "rss_GiB", "load");

  static String row(ScaleMeasurement.Result r) {
    double g = 1L << 30;
    return String.format(Locale.ROOT,
        "%-10d %-10s %9d %8.1f %8.1f %9.3f %9.3f %10.2f %8.2f %10.2f %10.2f %10.2f %10.2f %6.2f", r.samples(),
        r.runner(), r.perAgent(), r.setupSeconds(), r.buildSeconds(), r.secondsPerIteration(),
        r.cpuSecondsPerIteration(), r.flopsPerIteration() / 1e9, r.gflopsPerSecond(), r.featureBytes() / g,
        r.liveHeap() / g, r.peakHeapAfterGc() / g, r.peakResident() / g, r.load());
  }

  /** Each size's figures over the smallest size's, next to the ratio of the sizes. */
  static void ratios(List<ScaleMeasurement.Result> rs) {
    if (rs.size() < 2) return;
    ScaleMeasurement.Result base = rs.get(0);
    for (ScaleMeasurement.Result r : rs.subList(1, rs.size())) {
      System.out.printf(Locale.ROOT, "%s %d / %d: samples %.2f; s_per_it %.2f, cpu_s_it %.2f, build_s %.2f,"
              + " setup_s %.2f, live heap %.2f, peak heap %.2f, peak rss %.2f%n", r.runner(), r.samples(), base.samples(),
          (double) r.samples() / base.samples(), r.secondsPerIteration() / base.secondsPerIteration(),
          r.cpuSecondsPerIteration() / base.cpuSecondsPerIteration(),
          r.buildSeconds() / base.buildSeconds(), r.setupSeconds() / base.setupSeconds(),
          (double) r.liveHeap() / base.liveHeap(), (double) r.peakHeapAfterGc() / base.peakHeapAfterGc(),
          (double) r.peakResident() / base.peakResident());
    }
  }
}
