package io.gastown.status.model;

import io.gastown.model.PolecatPhase;
import java.time.Instant;

/**
 * A polecat's phase with its explanation.
 *
 * @param phase the phase
 * @param reason a CamelCase reason for the conditions, e.g. Unschedulable
 * @param message what a person should read, stable while nothing changes (no "for 3m" that ages
 *     every check)
 * @param since when this most likely began (used for condition transition times), or null for now
 * @param readySince when the Ready condition most likely took its status; differs from {@code
 *     since} only for a polecat Stuck in Pending, which has not been ready since its pending period
 *     began
 * @param problem whether the reason is something a person has to fix (a Degraded condition)
 */
record Verdict(
    PolecatPhase phase,
    String reason,
    String message,
    Instant since,
    Instant readySince,
    boolean problem) {

  static Verdict of(PolecatPhase phase, String reason, String message, Instant since) {
    return new Verdict(phase, reason, message, since, since, false);
  }

  static Verdict problem(PolecatPhase phase, String reason, String message, Instant since) {
    return new Verdict(phase, reason, message, since, since, true);
  }

  Verdict withSince(Instant newSince) {
    return new Verdict(phase, reason, message, newSince, newSince, problem);
  }

  Verdict withReadySince(Instant newReadySince) {
    return new Verdict(phase, reason, message, since, newReadySince, problem);
  }
}
