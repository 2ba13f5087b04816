package dbo.job;

import dbo.job.tools.Reproduce;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/** A command line ({@link Main} or {@link Reproduce}) run in this JVM with what it prints captured. */
public final class Cli {
  private Cli() {}

  /** The exit code, standard output and standard error of one run. */
  public record Run(int code, String out, String err) {
    /** Standard output, then standard error. */
    public String all() {
      return out + err;
    }

    /** The lines the job addressed to the user on standard error (Spark's own logging aside). */
    public java.util.List<String> errors() {
      return err.lines().filter(l -> l.startsWith("error:")).toList();
    }
  }

  public static Run main(String... args) {
    return run(Main::execute, args);
  }

  /** {@link Main} with the built experiment passed through {@code adjust} first (fault injection). */
  public static Run main(java.util.function.UnaryOperator<dbo.job.run.Experiment> adjust, String... args) {
    return run(a -> Main.execute(adjust, a), args);
  }

  public static Run reproduce(String... args) {
    return run(Reproduce::execute, args);
  }

  private static synchronized Run run(ToIntFunction<String[]> command, String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = command.applyAsInt(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
