package io.gastown.cli.cluster;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;

/**
 * A request the cluster answered with an error, classified so callers can react to some (a missing
 * object).
 */
public class ClusterException extends GtException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    UNAUTHORIZED,
    FORBIDDEN,
    MISSING_CRD,
    NOT_FOUND,
    OTHER
  }

  private final Reason reason;

  public ClusterException(Reason reason, String message, Throwable cause) {
    super(reason == Reason.NOT_FOUND ? ExitCode.NOT_FOUND : ExitCode.CLUSTER_ERROR, message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
