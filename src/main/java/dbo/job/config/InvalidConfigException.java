package dbo.job.config;

import dbo.input.InputException;

/**
 * A configuration that cannot be run: unknown key, wrong type, value out of range, malformed file.
 * The message is one line that starts with the key path (or the file and line for syntax errors) and
 * names the value and what is allowed, so the CLI can print it as is, without a stack trace.
 */
public final class InvalidConfigException extends InputException {

  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(oneLine(message));
  }

  public InvalidConfigException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  // Messages quote user text (HOCON errors, values); a newline in them would break the CLI's one-line report.
  private static String oneLine(String message) {
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
