package io.gastown.cli;

/**
 * A failure the user can fix: one line for stderr (what is wrong and how to fix it) and an exit
 * code.
 */
public class GtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public GtException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public GtException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static GtException notFound(String message) {
    return new GtException(ExitCode.NOT_FOUND, message);
  }

  public static GtException invalid(String message) {
    return new GtException(ExitCode.INVALID_INPUT, message);
  }

  public static GtException repo(String message) {
    return new GtException(ExitCode.REPO_ERROR, message);
  }

  public static GtException repo(String message, Throwable cause) {
    return new GtException(ExitCode.REPO_ERROR, message, cause);
  }
}
