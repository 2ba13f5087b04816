package dbo.job;

import dbo.job.run.Experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbo.algorithm.AgentAlgorithm;
import dbo.job.output.ResultDirectory;
import dbo.algorithm.AgentState;
import dbo.algorithm.Message;
import dbo.problem.LocalProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cli.Run codes mean what the README says, on both runners: bad input exits 2 and writes nothing; an internal
 * failure (here an {@link IllegalArgumentException} thrown by an algorithm during the iterations, the case
 * that used to pass for bad input) exits 1 with one line on stderr naming the log, leaves no result at
 * {@code --out}, and leaves its stack trace in the staging directory, which {@code --resume} and
 * {@code --overwrite} then handle.
 */
@dbo.runtime.LocalSpark.Own
class ExitCodesTest {
  private static final long FAILING_ITERATION = 10;

  @TempDir
  Path tmp;

  /** SLDBO alone on the small quadratic, 30 iterations, a checkpoint every 4, then {@code extra}. */
  private Path config(String runner, String extra) {
    return TestConfig.plain().set("runner", runner).set("seed", 3).set("spark.master", "local[2]")
        .set("run.iterations", 30).set("run.checkpoint-every", 4).append(extra)
        .write(tmp.resolve("experiment.conf"));
  }

  private static Cli.Run run(UnaryOperator<Experiment> adjust, String... args) {
    return Cli.main(adjust, args);
  }

  private static Path staging(Path out) {
    return out.resolveSibling("." + out.getFileName() + ".partial");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-process", "spark"})
  void badInputExits2AndWritesNothing(String runner) throws IOException {
    // Refused while the experiment is built (an IllegalArgumentException there is the user's to fix).
    Path conf = config(runner, "algorithms = [ { type = sparkle-ed, batch = 500 } ]");
    Path out = tmp.resolve("result");
    Cli.Run e = run(UnaryOperator.identity(), conf.toString(), "--out", out.toString(), "--quiet");
    assertEquals(Main.EXIT_BAD_INPUT, e.code(), e.err());
    assertEquals(1, e.errors().size(), e.err());
    assertTrue(e.errors().get(0).contains("batch = 500"), e.err());
    assertFalse(Files.exists(out), "nothing at --out");
    assertFalse(Files.exists(staging(out)), "no staging directory");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-process", "spark"})
  void internalFailureExits1AndKeepsItsStackTraceInTheStagingArea(String runner) throws IOException {
    Path conf = config(runner, "");
    Path out = tmp.resolve("result");
    Cli.Run e = run(ExitCodesTest::failing, conf.toString(), "--out", out.toString(), "--quiet");
    assertEquals(Main.EXIT_FAILURE, e.code(), e.err());
    Path log = staging(out).resolve(ResultDirectory.FAILURE_LOG).toAbsolutePath().normalize();
    assertEquals(1, e.errors().size(), e.err());
    assertTrue(e.errors().get(0).startsWith("error: internal failure ("), e.err());
    assertTrue(e.errors().get(0).endsWith("the stack trace is in " + log), e.err());
    if (runner.equals("in-process")) {
      // On Spark, Spark's own log may report the failed task; the job adds no stack trace of its own.
      assertFalse(e.err().contains("\tat "), "no stack trace on stderr: " + e.err());
    }
    assertFalse(Files.exists(out), "no result at --out");
    String trace = Files.readString(log);
    assertTrue(trace.contains("injected failure at iteration " + FAILING_ITERATION), trace);
    assertTrue(trace.contains(FailingAlgorithm.class.getName() + ".update"), trace);

    // The failed run is not mistaken for a result, nor silently replaced.
    Cli.Run again = run(UnaryOperator.identity(), conf.toString(), "--out", out.toString(), "--quiet");
    assertEquals(Main.EXIT_BAD_INPUT, again.code(), again.err());
    assertTrue(again.errors().get(0).contains(log.toString()) && again.errors().get(0).contains("--overwrite")
        && again.errors().get(0).contains("--resume"), again.err());
    assertTrue(Files.exists(log), "a refused run keeps the log");

    // It saved checkpoints before failing: --resume continues from the last one, and the result is clean.
    Cli.Run resumed = run(UnaryOperator.identity(), conf.toString(), "--resume", out.toString(), "--quiet");
    assertEquals(Main.EXIT_OK, resumed.code(), resumed.err());
    assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
    assertFalse(Files.exists(out.resolve(ResultDirectory.FAILURE_LOG)), "the old log is not part of the result");
    assertFalse(Files.exists(staging(out)), "the staging directory became the result");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-process", "spark"})
  void overwriteDiscardsAFailedRunThatSavedNoCheckpoint(String runner) throws IOException {
    Path conf = config(runner, "run.checkpoint-every = 1000");
    Path out = tmp.resolve("result");
    Cli.Run e = run(ExitCodesTest::failing, conf.toString(), "--out", out.toString(), "--quiet");
    assertEquals(Main.EXIT_FAILURE, e.code(), e.err());
    Path log = staging(out).resolve(ResultDirectory.FAILURE_LOG);
    assertTrue(Files.isRegularFile(log), "the log is kept although there is no checkpoint");
    try (Stream<Path> files = Files.list(staging(out))) {
      assertEquals(List.of(ResultDirectory.FAILURE_LOG), files.map(p -> p.getFileName().toString()).toList());
    }

    Cli.Run resume = run(UnaryOperator.identity(), conf.toString(), "--resume", out.toString(), "--quiet");
    assertEquals(Main.EXIT_BAD_INPUT, resume.code(), resume.err());
    assertTrue(resume.errors().get(0).contains("--overwrite"), resume.err());
    assertTrue(Files.isRegularFile(log), "a refused --resume keeps the log");

    Cli.Run overwritten = run(UnaryOperator.identity(), conf.toString(), "--out", out.toString(), "--overwrite", "--quiet");
    assertEquals(Main.EXIT_OK, overwritten.code(), overwritten.err());
    assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
    assertFalse(Files.exists(staging(out)));
  }

  /** The experiment with its algorithm replaced by one that throws at {@link #FAILING_ITERATION}. */
  private static Experiment failing(Experiment e) {
    List<AgentAlgorithm<?>> algorithms = e.algorithms().stream()
        .<AgentAlgorithm<?>>map(a -> failingAt(a, FAILING_ITERATION)).toList();
    return new Experiment(e.config(), e.problem(), e.plan(), algorithms, e.plans(), e.loop(), e.smoothness(),
        e.provisional());
  }

  private static <S extends AgentState> FailingAlgorithm<S> failingAt(AgentAlgorithm<S> inner, long at) {
    return new FailingAlgorithm<>(inner, at);
  }

  /** An algorithm that behaves as {@code inner} until iteration {@code at}, where its update throws. */
  private record FailingAlgorithm<S extends AgentState>(AgentAlgorithm<S> inner, long at)
      implements AgentAlgorithm<S> {
    @Override
    public String label() {
      return inner.label();
    }

    @Override
    public Class<S> stateType() {
      return inner.stateType();
    }

    @Override
    public int rounds() {
      return inner.rounds();
    }

    @Override
    public S initialize(int agent, LocalProblem problem, double[] x0, double[] y0) {
      return inner.initialize(agent, problem, x0, y0);
    }

    @Override
    public Message message(S state, int round) {
      return inner.message(state, round);
    }

    @Override
    public S update(S state, int round, Message mixed, LocalProblem problem, long iteration) {
      if (iteration == at) throw new IllegalArgumentException("injected failure at iteration " + iteration);
      return inner.update(state, round, mixed, problem, iteration);
    }

    @Override
    public int[] messageLengths(int round, int dimX, int dimY) {
      return inner.messageLengths(round, dimX, dimY);
    }
  }
}
