package io.gastown.status.model;

import java.time.Instant;

/**
 * What the bounded log probe learnt about the agent's output.
 *
 * @param lastOutput time of the newest log line seen so far, or null when none has been seen
 * @param readable whether the last probe could read the log; without it, inactivity is not judged
 */
public record LogActivity(Instant lastOutput, boolean readable) {
  private static final LogActivity UNKNOWN = new LogActivity(null, false);

  /** Nothing probed yet (or the log cannot be read). */
  public static LogActivity unknown() {
    return UNKNOWN;
  }

  public static LogActivity seen(Instant lastOutput) {
    return new LogActivity(lastOutput, true);
  }
}
