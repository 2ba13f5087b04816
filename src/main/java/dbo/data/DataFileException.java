package dbo.data;

import dbo.input.InputException;

/**
 * A data file that cannot be used as it is: missing, truncated, corrupted or of the wrong format. The
 * message is one line naming the file, what is wrong and how to fix it. It is an {@link InputException}, so
 * the job reports it as bad input (exit code 2).
 */
public final class DataFileException extends InputException {
  private static final long serialVersionUID = 1L;

  public DataFileException(String message) {
    super(message);
  }

  public DataFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
