package dbo.job.tools;

import dbo.algorithm.Directions;
import dbo.algorithm.OracleCounts;
import dbo.algorithm.Sldbo;
import dbo.algorithm.StepSizes;
import dbo.data.Dataset;
import dbo.data.DatasetSource;
import dbo.data.PlacementRule;
import dbo.linalg.BlasBackend;
import dbo.linalg.Vectors;
import dbo.problem.Heterogeneity;
import dbo.problem.HyperCleaningProblem;
import dbo.problem.HyperparameterShape;
import dbo.problem.LocalProblem;
import dbo.problem.LogisticHpoProblem;
import dbo.runtime.InProcessEngine;
import dbo.runtime.MixingPlan;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import dev.ludovic.netlib.blas.BLAS;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The linear algebra under the oracles, measured: which BLAS is loaded, DGEMM GFLOP/s at a square size and
 * at the oracles' skinny shapes (rows x 785 times 785 x 10), the read bandwidth floor of those shapes (one
 * {@code dasum} over the feature block), each oracle kernel's time as GFLOP/s, GB/s and multiple of the
 * floor on generated hyper-cleaning and logistic HPO shards, and the in-process SLDBO time per iteration on
 * generated hyper-cleaning data next to the NumPy stacked simulation {@code benchmarks/numpy_sldbo.py}.
 * Every time is a median over repetitions. A measurement tool, not a test: {@code jobs/benchmark-kernels}.
 */
@Command(name = "jobs/benchmark-kernels", mixinStandardHelpOptions = true,
    description = "DGEMM and oracle-kernel GFLOP/s through the loaded BLAS, and in-process SLDBO vs NumPy.")
public final class KernelBenchmark implements Callable<Integer> {
  /** Columns of a hyper-cleaning feature block: 28 x 28 pixels and the bias. */
  private static final int D = 785;
  private static final int K = 10;

  @Option(names = "--square", description = "Order of the square DGEMM (default ${DEFAULT-VALUE}; 0 skips it)")
  int square = 1500;

  @Option(names = "--rows", split = ",", description = "Shard rows of the kernel measurements (default ${DEFAULT-VALUE})")
  int[] rows = {5000, 50000};

  @Option(names = "--samples", split = ",",
      description = "Hyper-cleaning training samples of the SLDBO comparison (default ${DEFAULT-VALUE}; 0 skips it)")
  int[] samples = {5000, 50000};

  @Option(names = "--agents", description = "Agents of the SLDBO comparison, on a ring (default ${DEFAULT-VALUE})")
  int agents = 10;

  @Option(names = "--iterations", description = "Timed SLDBO iterations (default ${DEFAULT-VALUE})")
  int iterations = 10;

  @Option(names = "--rounds", description = "Alternating in-process / NumPy rounds (default ${DEFAULT-VALUE})")
  int rounds = 3;

  @Option(names = "--repetitions", description = "Timed repetitions of each kernel (default ${DEFAULT-VALUE})")
  int repetitions = 7;

  @Option(names = "--dgemm-only", description = "Only the BLAS line and the DGEMM and bandwidth figures")
  boolean dgemmOnly;

  @Option(names = "--numpy", paramLabel = "SCRIPT", description = "The NumPy simulation to run and compare (none: skip)")
  Path numpy;

  @Option(names = "--python", description = "Python interpreter for --numpy (default ${DEFAULT-VALUE})")
  String python = "/usr/bin/python3";

  /** Seconds per flop of the square DGEMM measured in this run (0: not measured). */
  private double dgemmSecondsPerFlop;
  private boolean numpyEchoed;

  public static void main(String[] args) {
    System.exit(new CommandLine(new KernelBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    System.out.printf("blas: %s; OPENBLAS_NUM_THREADS=%s; %d cores%n", BlasBackend.describe(),
        System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset)"), Runtime.getRuntime().availableProcessors());
    System.out.printf("load at start: %s%n", loadAverage());
    if (square > 0) squareDgemm(square);
    for (int m : rows) skinnyDgemm(m);
    if (dgemmOnly) return 0;
    for (int m : rows) hyperCleaningKernels(m);
    for (int m : rows) logisticKernels(m);
    for (int n : samples) {
      if (n > 0) sldbo(n);
    }
    System.out.printf("load at end: %s%n", loadAverage());
    return 0;
  }

  private void squareDgemm(int n) {
    double[] a = random(n * n, 1);
    double[] b = random(n * n, 2);
    double[] c = new double[n * n];
    double t = median(Math.max(3, repetitions / 2), () -> BLAS.getInstance().dgemm("N", "N", n, n, n, 1.0, a, n, b,
        n, 0.0, c, n));
    dgemmSecondsPerFlop = t / (2.0 * n * n * n);
    System.out.printf("dgemm %d x %d x %d: %.2f GFLOP/s (%.1f ms)%n", n, n, n, 2.0 * n * n * n / t / 1e9, t * 1e3);
  }

  /**
   * A Y and A' R at the oracles' widths (10 columns; 20 for the fused [Y V] and [R C]) on an m x 785 block,
   * and one dasum read of the block, the bandwidth floor.
   */
  private void skinnyDgemm(int m) {
    double[] a = random(m * D, 3);
    BLAS blas = BLAS.getInstance();
    double bytes = 8.0 * m * D;
    for (int n : new int[] {K, 2 * K}) {
      double[] y = random(D * n, 4);
      double[] r = random(m * n, 5);
      double[] z = new double[m * n];
      double[] g = new double[D * n];
      double flops = 2.0 * m * D * n;
      double forward = median(repetitions, () -> blas.dgemm("N", "N", m, n, D, 1.0, a, m, y, D, 0.0, z, m));
      double backward = median(repetitions, () -> blas.dgemm("T", "N", D, n, m, 1.0, a, m, r, m, 0.0, g, D));
      System.out.printf("dgemm A Y  %6d x %d x %2d: %6.2f GFLOP/s%s %6.2f GB/s (%.2f ms)%n", m, D, n,
          flops / forward / 1e9, ofPeak(flops, forward), bytes / forward / 1e9, forward * 1e3);
      System.out.printf("dgemm A' R %6d x %d x %2d: %6.2f GFLOP/s%s %6.2f GB/s (%.2f ms)%n", D, m, n,
          flops / backward / 1e9, ofPeak(flops, backward), bytes / backward / 1e9, backward * 1e3);
    }
    double read = median(repetitions, () -> blas.dasum(m * D, a, 1));
    System.out.printf("floor: dasum over A (%d x %d): %6.2f GB/s (%.2f ms per read of the features)%n", m, D,
        bytes / read / 1e9, read * 1e3);
  }

  /** " (P% of DGEMM)" against the square DGEMM of this run, or nothing when it was not measured. */
  private String ofPeak(double flops, double seconds) {
    if (dgemmSecondsPerFlop == 0) return "";
    return String.format(" (%3.0f%% of DGEMM)", 100 * flops * dgemmSecondsPerFlop / seconds);
  }

  private void hyperCleaningKernels(int m) {
    HyperCleaningProblem spec = hyperCleaning(1, m, Math.max(1, m / 5));
    kernels("hyper-cleaning " + m, m, spec.build(0), 1e-3, 2);
  }

  private void logisticKernels(int m) {
    LogisticHpoProblem spec = new LogisticHpoProblem(1, D - 1, K, HyperparameterShape.PER_FEATURE, m,
        Math.max(1, m / 5), 0, Heterogeneity.IID, false, 1, -2.0);
    kernels("logistic HPO " + m, m, spec.build(0), 1e-2, 0);
  }

  /**
   * Times, in interleaved rounds (so that a change of load hits every line alike), one dasum read of an
   * m x 785 block (the floor), each oracle of g at a fresh y per round, the four oracles of one SLDBO
   * evaluation called one by one ("separate") and through {@link Directions#evaluate} ("fused", which
   * asks for the oracles of g together). For each line: the median time; GFLOP/s counting 2 m 785 10 flops
   * per product the formulas need once A Y is shared (a validation product counts 1/5: its block has m/5
   * rows); GB/s counting 8 m 785 bytes per read in the fewest reads of the block that give those products
   * (all forward products of a block in one read, all backward ones in another); and "x floor", the median
   * over rounds of the time over that many dasum reads of the same round. "% of DGEMM": the median over
   * rounds of the GFLOP/s over those of a square DGEMM ({@code --square}) timed in the same round (one
   * thread under the project's setting: a per-core peak).
   */
  private void kernels(String what, int m, LocalProblem shard, double yScale, int jvProducts) {
    double[] block = random(m * D, 3);
    double[] x = new double[shard.dimX()];
    double[][] ys = new double[repetitions + 1][];
    for (int i = 0; i < ys.length; i++) ys[i] = scaled(random(shard.dimY(), 10 + i), yScale);
    double[] v = scaled(random(shard.dimY(), 99), yScale);
    String[] names = {"floor", "grad_y g", "H v", "J v", "separate", "fused", "dgemm"};
    double[] products = {0, 2, 3, jvProducts, 4.4, 4.4, 0};
    double[] reads = {1, 2, 2, Math.min(jvProducts, 1), 2.4, 2.4, 0};
    int n = Math.max(1, square);
    double[] sa = random(n * n, 1);
    double[] sb = random(n * n, 2);
    double[] sc = new double[n * n];
    List<IntConsumer> bodies = List.of(
        i -> BLAS.getInstance().dasum(m * D, block, 1),
        i -> shard.gradYLower(x, ys[i]),
        i -> shard.hessianVector(x, ys[i], v),
        i -> shard.jacobianVector(x, ys[i], v),
        i -> {
          shard.gradYLower(x, ys[i]);
          shard.gradXUpper(x, ys[i]);
          shard.gradYUpper(x, ys[i]);
          shard.hessianVector(x, ys[i], v);
          shard.jacobianVector(x, ys[i], v);
        },
        i -> Directions.evaluate(shard, new OracleCounts(), x, ys[i], v),
        i -> BLAS.getInstance().dgemm("N", "N", n, n, n, 1.0, sa, n, sb, n, 0.0, sc, n));
    for (IntConsumer body : bodies) body.accept(0);
    double[][] t = new double[names.length][repetitions];
    for (int r = 0; r < repetitions; r++) {
      for (int b = 0; b < names.length; b++) {
        long t0 = System.nanoTime();
        bodies.get(b).accept(r + 1);
        t[b][r] = (System.nanoTime() - t0) / 1e9;
      }
    }
    int dgemm = names.length - 1;
    for (int b = 0; b < dgemm; b++) {
      double median = Vectors.median(t[b]);
      if (b == 0) {
        System.out.printf("%-21s %-9s %8.3f ms %28.2f GB/s%n", what, names[b], median * 1e3, 8.0 * m * D / median / 1e9);
      } else if (products[b] == 0) {
        System.out.printf("%-21s %-9s %8.3f ms (no product with the features)%n", what, names[b], median * 1e3);
      } else {
        double[] overFloor = new double[repetitions];
        for (int r = 0; r < repetitions; r++) overFloor[r] = t[b][r] / (reads[b] * t[0][r]);
        double flops = products[b] * 2.0 * m * D * K;
        double[] ofDgemm = new double[repetitions];
        for (int r = 0; r < repetitions; r++) ofDgemm[r] = flops / t[b][r] / (2.0 * n * n * n / t[dgemm][r]);
        System.out.printf("%-21s %-9s %8.3f ms %6.2f GFLOP/s%s %6.2f GB/s %5.2f x floor%n", what, names[b],
            median * 1e3, flops / median / 1e9,
            square > 0 ? String.format(" (%3.0f%% of DGEMM)", 100 * Vectors.median(ofDgemm)) : "",
            reads[b] * 8.0 * m * D / median / 1e9, Vectors.median(overFloor));
      }
    }
    double[] ratio = new double[repetitions];
    for (int r = 0; r < repetitions; r++) ratio[r] = t[5][r] / t[4][r];
    System.out.printf("%-21s fused / separate: %.2f (median over %d rounds)", what, Vectors.median(ratio),
        repetitions);
    System.out.printf(square > 0 ? "; dgemm %d^3 in the same rounds: %.2f GFLOP/s%n" : "%n", n,
        2.0 * n * n * n / Vectors.median(t[dgemm]) / 1e9);
  }

  /**
   * In-process SLDBO on generated hyper-cleaning data, n training samples over the agents, and NumPy's, in
   * {@code rounds} alternating rounds (Java block, then a NumPy process) so that a change of load hits both;
   * prints each side's median over rounds of its per-round median and the median of the per-round ratios.
   */
  private void sldbo(int n) throws Exception {
    int validation = 10000;
    HyperCleaningProblem spec = hyperCleaning(agents, n, validation);
    MixingPlan plan = MixingPlan.single(MixingWeights.metropolis(Graphs.ring(agents)));
    InProcessEngine engine = new InProcessEngine(spec, plan);
    engine.start(new Sldbo("SLDBO", new StepSizes(1.0, 0.1, 0.1, Double.POSITIVE_INFINITY)));
    long k = 0;
    while (k < 3) engine.iterate(++k);
    int rounds = numpy == null ? 1 : this.rounds;
    double[] inProcess = new double[rounds];
    double[] py = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double[] times = new double[iterations];
      for (int i = 0; i < iterations; i++) {
        long t0 = System.nanoTime();
        engine.iterate(++k);
        times[i] = (System.nanoTime() - t0) / 1e9;
      }
      inProcess[r] = Vectors.median(times);
      if (numpy != null) {
        py[r] = runNumpy(n, validation);
        ratio[r] = inProcess[r] / py[r];
      }
    }
    System.out.printf("SLDBO in-process, hyper-cleaning %d train + %d validation samples, %d agents on a ring: %.1f ms"
        + " per iteration (%d x %d iterations; load %s)%n", n, validation, agents, Vectors.median(inProcess) * 1e3, rounds,
        iterations, loadAverage());
    if (numpy == null) return;
    double[] sorted = ratio.clone();
    Arrays.sort(sorted);
    System.out.printf("SLDBO NumPy stacked simulation, same shapes: %.1f ms per iteration; in-process / NumPy = %.2f"
        + " (median of %d alternating rounds, range %.2f to %.2f; load %s)%n", Vectors.median(py) * 1e3,
        Vectors.median(ratio), rounds, sorted[0], sorted[rounds - 1], loadAverage());
  }

  /**
   * Runs the NumPy script (its OpenBLAS on every core) and returns the median seconds per iteration it
   * prints ("median_ms VALUE"); its lines are echoed the first time only.
   */
  private double runNumpy(int n, int validation) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(python, numpy.toString(), "--agents", String.valueOf(agents),
        "--train", String.valueOf(n), "--validation", String.valueOf(validation), "--iterations",
        String.valueOf(iterations)));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    // NumPy at its own default, OpenBLAS on every core: the in-process runner uses every core too.
    builder.environment().remove("OPENBLAS_NUM_THREADS");
    Process p = builder.start();
    double ms = Double.NaN;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!numpyEchoed) System.out.println("  numpy: " + line);
        if (line.startsWith("median_ms ")) ms = Double.parseDouble(line.substring(10).trim());
      }
    }
    numpyEchoed = true;
    if (p.waitFor() != 0 || Double.isNaN(ms)) throw new IllegalStateException("the NumPy simulation failed: " + cmd);
    return ms / 1e3;
  }

  /** Hyper-cleaning on generated 28 x 28 byte images with 10 classes (no test split), one seed. */
  private static HyperCleaningProblem hyperCleaning(int agents, int train, int validation) {
    int total = train + validation;
    byte[] pixels = new byte[total * (D - 1)];
    new Random(5).nextBytes(pixels);
    int[] labels = new int[total];
    SplittableRandom rng = new SplittableRandom(6);
    for (int s = 0; s < total; s++) labels[s] = rng.nextInt(K);
    Dataset data = Dataset.ofPixels("generated", pixels, total, D - 1, labels, K);
    return new HyperCleaningProblem(agents, DatasetSource.of(data), train, validation, 0, 0.3, PlacementRule.iid(),
        1, HyperCleaningProblem.DEFAULT_REGULARIZATION, 0.0, true);
  }

  private static double median(int repetitions, Runnable body) {
    body.run();
    double[] t = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long t0 = System.nanoTime();
      body.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    return Vectors.median(t);
  }

  private static double[] random(int length, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] out = new double[length];
    for (int i = 0; i < length; i++) out[i] = rng.nextDouble() - 0.5;
    return out;
  }

  private static double[] scaled(double[] a, double s) {
    for (int i = 0; i < a.length; i++) a[i] *= s;
    return a;
  }

  private static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
