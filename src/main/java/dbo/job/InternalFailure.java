package dbo.job;

import dbo.job.output.ResultDirectory;
import dbo.job.output.Versions;
import dbo.input.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine;

/**
 * How the jobs report a failure that is not the user's to fix (a bug, a lost executor, a full disk): exit
 * code 1, one line on stderr that names the log file, and the full stack trace in that file. A run's log
 * is {@link ResultDirectory#FAILURE_LOG} in its staging directory ({@link ResultDirectory}), which is then kept for diagnosis; a
 * failure before any run started goes to a temporary file. Only an {@link InputException} is bad input.
 */
public final class InternalFailure {
  private InternalFailure() {}

  /**
   * Writes {@code failure}'s stack trace to the staging area of {@code target} (or to a temporary file when
   * {@code target} is null) and returns the one line to print. When no file can be written the stack trace
   * goes to stderr, and the line says so.
   */
  static String report(Path target, Throwable failure) {
    String summary = "error: internal failure (" + oneLine(failure) + ")";
    StringWriter trace = new StringWriter();
    try (PrintWriter w = new PrintWriter(trace)) {
      w.println(Instant.now() + " dbo-spark " + Versions.tool() + ", Java " + System.getProperty("java.version"));
      failure.printStackTrace(w);
    }
    try {
      Path log = target != null ? ResultDirectory.failureLog(target) : Files.createTempFile("dbo-failure-", ".log");
      Files.writeString(log, trace.toString(), StandardCharsets.UTF_8);
      return summary + "; the stack trace is in " + log;
    } catch (IOException | RuntimeException e) {
      System.err.print(trace);
      return summary + "; the stack trace is above (no log file could be written: " + e + ")";
    }
  }

  /**
   * The picocli handler the commands share: an {@link InputException} prints its message and exits 2,
   * anything else is {@link #report reported} and exits 1.
   */
  public static CommandLine.IExecutionExceptionHandler exitCodes() {
    return (ex, cmd, parsed) -> {
      if (ex instanceof InputException) {
        cmd.getErr().println("error: " + ex.getMessage());
        return Main.EXIT_BAD_INPUT;
      }
      cmd.getErr().println(report(null, ex));
      return Main.EXIT_FAILURE;
    };
  }

  private static String oneLine(Throwable t) {
    String s = t.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    return s.length() <= 200 ? s : s.substring(0, 197) + "...";
  }
}
