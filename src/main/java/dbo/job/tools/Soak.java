package dbo.job.tools;

import dbo.job.output.ResultDirectory;
import dbo.job.resume.ResumeStore;
import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Sldbo;
import dbo.algorithm.StepSizes;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.runtime.Checkpointer;
import dbo.runtime.Engine;
import dbo.runtime.IterationLoop;
import dbo.runtime.LoopSettings;
import dbo.runtime.MixingPlan;
import dbo.runtime.ResumePoint;
import dbo.runtime.RunResult;
import dbo.runtime.SparkEngine;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak benchmark ({@code jobs/soak}): SLDBO on the synthetic quadratic problem on the Spark runner for
 * many iterations, through the job's own driver loop ({@link IterationLoop}: metrics every
 * {@code --log-every}, the state RDD checkpointed every {@code --checkpoint-every}, and, as {@code jobs/run}
 * does, the agents' states saved for {@code --resume} at the same interval). Every {@code --sample-every}
 * iterations it records a {@link SoakSample} (driver heap after a full GC, non-heap, threads, lineage,
 * persisted RDDs, checkpoint and block-manager disk, executor heap on a cluster), prints it, and at the
 * end writes a CSV and states flatness ({@link SoakFlatness}). A measurement tool, not a test;
 * {@code SoakTest} asserts the bounds on a short run.
 */
@Command(name = "jobs/soak", mixinStandardHelpOptions = true,
    description = "Long-run resource soak of the Spark runner: memory, threads, lineage, persisted RDDs and"
        + " checkpoint disk sampled every --sample-every iterations.")
public final class Soak implements Callable<Integer> {
  @Option(names = "--agents", description = "Agents (a torus when a perfect square >= 9, else a ring; default ${DEFAULT-VALUE})")
  int agents = 4;

  @Option(names = "--ring", description = "Use a ring even when --agents is a perfect square")
  boolean ring;

  @Option(names = "--dim-x", description = "Upper-level dimension p (default ${DEFAULT-VALUE})")
  int dimX = 2;

  @Option(names = "--dim-y", description = "Lower-level dimension q (default ${DEFAULT-VALUE})")
  int dimY = 3;

  @Option(names = "--samples", description = "Rows of each agent's sample matrix (default ${DEFAULT-VALUE})")
  int samples = 10;

  @Option(names = "--iterations", description = "Iteration budget K (default ${DEFAULT-VALUE})")
  long iterations = 20_000;

  @Option(names = "--minutes", description = "Stop at the first sample after this many minutes; 0 = no limit (default ${DEFAULT-VALUE})")
  double minutes = 0;

  @Option(names = "--sample-every", description = "Iterations between two samples (default ${DEFAULT-VALUE})")
  int sampleEvery = 500;

  @Option(names = "--checkpoint-every", description = "run.checkpoint-every (default ${DEFAULT-VALUE})")
  int checkpointEvery = 10;

  @Option(names = "--log-every", description = "run.log-every: metrics rows (default ${DEFAULT-VALUE})")
  int logEvery = 10;

  @Option(names = "--no-resume-saves", description = "Do not save the states for --resume at each checkpoint")
  boolean noResumeSaves;

  @Option(names = "--master", description = "Spark master (default ${DEFAULT-VALUE})")
  String master = "local[2]";

  @Option(names = "--spark-defaults", paramLabel = "FILE",
      description = "Spark properties applied where not already set, as jobs/run does (jobs/soak passes conf/spark-defaults.conf)")
  Path sparkDefaults;

  @Option(names = "--csv", description = "CSV of the samples (default results/soak-<agents>x<iterations>-<time>.csv)")
  Path csv;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Soak()).execute(args));
  }

  /** Thrown by the sampler to end a run at its time limit. */
  private static final class TimeUp extends RuntimeException {
    TimeUp() {
      super(null, null, false, false);
    }
  }

  @Override
  public Integer call() throws IOException {
    if (agents < 2 || iterations < 1 || sampleEvery < 1 || checkpointEvery < 1 || logEvery < 1) {
      throw new IllegalArgumentException("--agents must be >= 2 and --iterations, --sample-every,"
          + " --checkpoint-every, --log-every >= 1");
    }
    QuadraticProblem problem = new QuadraticProblem(agents, dimX, dimY, 1.0, 1.0, samples, Heterogeneity.SEVERE,
        false, 1);
    int side = (int) Math.round(Math.sqrt(agents));
    boolean torus = !ring && side >= 3 && side * side == agents;
    MixingPlan plan = torus
        ? MixingPlan.single(MixingWeights.metropolis(Graphs.torus(side, side)))
        : MixingPlan.single(MixingWeights.metropolis(Graphs.ring(agents)));
    String graph = torus ? side + "x" + side + " torus" : "ring";
    double l = problem.smoothness();
    Sldbo sldbo = new Sldbo("SLDBO", new StepSizes(0.01 / l, 0.02 / l, 0.02 / l, Double.POSITIVE_INFINITY));
    Path out = csv != null ? csv : Path.of("results", String.format("soak-%dx%d-%s.csv", agents, iterations,
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    PrintStream o = System.out;
    if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
    Files.deleteIfExists(out);
    append(out, String.join(",", SoakSample.COLUMNS));
    o.printf("soak: SLDBO, quadratic %d agents (dim-x %d, dim-y %d), %s, %s, up to %d iterations%s;"
            + " checkpoint every %d, metrics every %d, resume saves %s, sample every %d; max heap %d MiB%n",
        agents, dimX, dimY, graph, master, iterations,
        minutes > 0 ? String.format(Locale.ROOT, " or %.1f min", minutes) : "", checkpointEvery, logEvery,
        noResumeSaves ? "off" : "on", sampleEvery, Runtime.getRuntime().maxMemory() >> 20);
    o.println("spark defaults: " + (sparkDefaults == null ? "none" : sparkDefaults));
    SparkConf conf = dbo.job.run.Sessions.tool(master, "dbo-soak");
    if (sparkDefaults != null) {
      java.util.Properties p = new java.util.Properties();
      try (java.io.InputStream in = Files.newInputStream(sparkDefaults)) {
        p.load(in);
      }
      for (String k : p.stringPropertyNames()) conf.setIfMissing(k, p.getProperty(k).trim());
    }
    JavaSparkContext jsc = new JavaSparkContext(conf);
    jsc.setLogLevel("WARN");
    Path work = Files.createTempDirectory("dbo-soak");
    jsc.setCheckpointDir(work.resolve("checkpoints").toString());
    List<SoakSample> samplesTaken = new ArrayList<>();
    RunResult result = null;
    try (SparkEngine engine = new SparkEngine(jsc, problem, plan, checkpointEvery)) {
      Sampler sampler = new Sampler(new SoakProbe(jsc, engine), samplesTaken, o, out,
          noResumeSaves ? null : new ResumeStore(work.resolve("staging"), "soak").checkpointer(0, checkpointEvery));
      IterationLoop loop = new IterationLoop(problem, plan, new LoopSettings(iterations, logEvery, 0.0, 1e12, 1e9),
          s -> { });
      o.println(SoakSample.tableHeader());
      try {
        result = loop.run(engine, sldbo, sampler, null);
      } catch (TimeUp e) {
        o.printf("stopped at the time limit (%.1f min)%n", minutes);
      }
    } finally {
      jsc.stop();
      ResultDirectory.deleteTree(work);
    }
    summarize(o, samplesTaken, result);
    o.println("csv: " + out);
    return 0;
  }

  /** Appends one line to the CSV, so that a run stopped early still leaves its samples. */
  private static void append(Path csv, String line) {
    try {
      Files.writeString(csv, line + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + csv, e);
    }
  }

  static void summarize(PrintStream o, List<SoakSample> samples, RunResult result) {
    if (samples.isEmpty()) {
      o.println("no samples: run more iterations than --sample-every");
      return;
    }
    SoakFlatness heap = SoakFlatness.of(samples, SoakSample::heapBytes);
    SoakFlatness nonHeap = SoakFlatness.of(samples, SoakSample::nonHeapBytes);
    SoakFlatness time = SoakFlatness.of(samples, s -> Math.round(s.secondsPerIteration() * 1e6));
    o.printf(Locale.ROOT, "driver heap after GC: %.1f MiB at iteration %d, %.1f MiB at %d; last/first %.3f;"
            + " second-half slope %+.0f bytes per 1,000 iterations (%d samples)%n",
        samples.get(0).heapBytes() / 1048576.0, samples.get(0).iteration(),
        samples.get(samples.size() - 1).heapBytes() / 1048576.0, samples.get(samples.size() - 1).iteration(),
        heap.lastOverFirst(), heap.slopePerThousand(), heap.samplesInFit());
    o.printf(Locale.ROOT, "non-heap: last/first %.3f, second-half slope %+.0f bytes per 1,000 iterations%n",
        nonHeap.lastOverFirst(), nonHeap.slopePerThousand());
    o.printf(Locale.ROOT, "seconds per iteration: first %.4f, last %.4f; second-half slope %+.1f us per 1,000"
            + " iterations%n", samples.get(0).secondsPerIteration(),
        samples.get(samples.size() - 1).secondsPerIteration(), time.slopePerThousand());
    o.printf("max over samples: threads %d, lineage RDDs %d, persisted RDDs %d, checkpoint files %d (%d bytes),"
            + " block-manager disk %d bytes%n", max(samples, SoakSample::threads),
        max(samples, SoakSample::maxLineageRdds), max(samples, SoakSample::persistedRdds),
        max(samples, SoakSample::checkpointFiles), max(samples, SoakSample::checkpointBytes),
        max(samples, SoakSample::blockDiskBytes));
    if (result != null) {
      o.printf(Locale.ROOT, "run: %s after %d iterations, estimation error %.3e%n", result.outcome().configName(),
          result.iterations(), result.last().estimationError());
    }
  }

  private static long max(List<SoakSample> samples, ToLongFunction<SoakSample> f) {
    return samples.stream().mapToLong(f).max().orElse(0);
  }

  /**
   * Called by the driver loop after every iteration: saves for --resume at the checkpoint interval (as
   * jobs/run does), tracks the lineage just before each RDD checkpoint (its longest point), and samples.
   */
  private final class Sampler implements Checkpointer {
    private final SoakProbe probe;
    private final List<SoakSample> samples;
    private final PrintStream out;
    private final Path csv;
    private final Checkpointer resumeSaves;
    private final long start = System.nanoTime();
    private long intervalStart = start;
    private long lastK;
    private int maxLineage;

    Sampler(SoakProbe probe, List<SoakSample> samples, PrintStream out, Path csv, Checkpointer resumeSaves) {
      this.probe = probe;
      this.csv = csv;
      this.samples = samples;
      this.out = out;
      this.resumeSaves = resumeSaves;
    }

    @Override
    public int every() {
      return 1;
    }

    @Override
    public void save(Engine engine, AgentAlgorithm<?> algorithm, ResumePoint point) {
      long k = point.iteration();
      if (resumeSaves != null && k % checkpointEvery == 0) resumeSaves.save(engine, algorithm, point);
      if ((k + 1) % checkpointEvery == 0) maxLineage = Math.max(maxLineage, probe.lineageRdds());
      if (k % sampleEvery != 0) return;
      long now = System.nanoTime();
      double perIteration = (now - intervalStart) / 1e9 / (k - lastK);
      SoakSample s = probe.sample(k, (now - start) / 1e9, perIteration, maxLineage);
      samples.add(s);
      out.println(s.tableRow());
      append(csv, s.csv());
      maxLineage = 0;
      lastK = k;
      intervalStart = System.nanoTime();
      if (minutes > 0 && (intervalStart - start) / 60e9 >= minutes) throw new TimeUp();
    }
  }
}
