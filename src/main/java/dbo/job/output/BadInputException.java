package dbo.job.output;

import dbo.input.InputException;

/**
 * Input the user can fix: a bad configuration value, a missing file, an output directory that is taken.
 * The message is one line that names the problem and the fix; the job prints it and exits with code 2
 * ({@link InputException}).
 */
public final class BadInputException extends InputException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
