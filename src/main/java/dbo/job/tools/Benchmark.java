package dbo.job.tools;

import dbo.job.output.ResultDirectory;
import dbo.algorithm.AgentAlgorithm;
import dbo.algorithm.Sldbo;
import dbo.algorithm.StepSizes;
import dbo.linalg.Vectors;
import dbo.problem.Heterogeneity;
import dbo.problem.QuadraticProblem;
import dbo.runtime.Engine;
import dbo.runtime.InProcessEngine;
import dbo.runtime.MixingPlan;
import dbo.runtime.SparkEngine;
import dbo.topology.Graphs;
import dbo.topology.MixingWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Time per iteration of the in-process runner and of the Spark runner on the quickstart problem at a
 * larger size: {@code jobs/benchmark [agents] [dim-y] [iterations] [master]}. Prints the median over
 * iterations (after a warm-up) and the ratio. A measurement tool, not a test.
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int dimY = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    String master = args.length > 3 ? args[3] : "local[2]";
    int dimX = Math.max(1, dimY / 2);
    QuadraticProblem problem = new QuadraticProblem(agents, dimX, dimY, 0.1, 1.0, 2 * dimY, Heterogeneity.SEVERE,
        false, 1);
    int side = (int) Math.round(Math.sqrt(agents));
    MixingPlan plan = side * side == agents
        ? MixingPlan.single(MixingWeights.metropolis(Graphs.torus(side, side)))
        : MixingPlan.single(MixingWeights.metropolis(Graphs.ring(agents)));
    double l = problem.smoothness();
    Sldbo sldbo = new Sldbo("SLDBO", new StepSizes(0.01 / l, 0.02 / l, 0.02 / l, Double.POSITIVE_INFINITY));
    System.out.printf("problem: quadratic, %d agents, dim-x %d, dim-y %d, %s; %d timed iterations%n", agents, dimX,
        dimY, plan.upper().description(), iterations);
    double inProcess = Vectors.median(time(new InProcessEngine(problem, plan), sldbo, iterations));
    System.out.printf("in-process: median %.3f ms per iteration%n", inProcess * 1e3);
    SparkConf conf = new SparkConf().setMaster(master).setAppName("dbo-benchmark")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1").set("spark.ui.showConsoleProgress", "false");
    JavaSparkContext jsc = new JavaSparkContext(conf);
    jsc.setLogLevel("WARN");
    Path dir = Files.createTempDirectory("dbo-benchmark");
    jsc.setCheckpointDir(dir.toString());
    int checkpointEvery = Integer.getInteger("dbo.checkpointEvery", 10);
    try (SparkEngine spark = new SparkEngine(jsc, problem, plan, checkpointEvery)) {
      double s = Vectors.median(time(spark, sldbo, iterations));
      System.out.printf("spark %s: median %.3f ms per iteration (checkpoint every %d, metrics every 10)%n", master,
          s * 1e3, checkpointEvery);
      System.out.printf("ratio spark / in-process: %.1f%n", s / inProcess);
    } finally {
      jsc.stop();
      ResultDirectory.deleteTree(dir);
    }
  }

  /**
   * Seconds per iteration, measured over blocks of 10 iterations that end with the per-agent reports
   * (as a run that logs every 10 iterations does), so Spark's lazy iterations are really computed.
   */
  private static double[] time(Engine engine, AgentAlgorithm<?> algorithm, int iterations) {
    engine.start(algorithm);
    for (int k = 1; k <= 20; k++) {
      engine.iterate(k);
      if (k % 10 == 0) engine.reports();
    }
    int blocks = Math.max(1, iterations / 10);
    double[] perIteration = new double[blocks];
    long k = 20;
    for (int b = 0; b < blocks; b++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 10; i++) engine.iterate(++k);
      engine.reports();
      perIteration[b] = (System.nanoTime() - t0) / 1e9 / 10;
    }
    return perIteration;
  }

}
