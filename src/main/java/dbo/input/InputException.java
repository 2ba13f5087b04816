package dbo.input;

/**
 * Input the user can fix: a configuration value, a data file, a command-line option, an output directory
 * that is taken. The message is one line that names the problem and the fix. It is the only failure the
 * jobs report as bad input (exit code 2, nothing written); any other exception is an internal failure
 * (exit code 1), an {@link IllegalArgumentException} included.
 *
 * <p>It lives in its own package, below {@code data} and {@code job}, so that both can throw it. Its
 * subtypes say where the input came from ({@code dbo.job.config.InvalidConfigException},
 * {@code dbo.data.DataFileException}, {@code dbo.job.output.BadInputException}). It is an
 * {@link IllegalArgumentException} so that the places that add context to a rejected argument (a grid
 * cell, a reproduce suite's run) keep doing so; they rethrow it as bad input.
 */
public class InputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
