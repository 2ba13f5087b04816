package dbo.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/** A command line ({@link Main} or {@link Reproduce}) run in this JVM with what it prints captured. */
final class Cli {
  private Cli() {}

  /** The exit code, standard output and standard error of one run. */
  record Run(int code, String out, String err) {
    /** Standard output, then standard error. */
    String all() {
      return out + err;
    }
  }

  static Run main(String... args) {
    return run(Main::execute, args);
  }

  static Run reproduce(String... args) {
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
