package io.gastown.status.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * RFC 3339 timestamps as Kubernetes writes them: UTC, whole seconds ({@code 2026-11-21T20:41:58Z}).
 */
public final class Timestamps {
  private Timestamps() {}

  public static String format(Instant instant) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * The instant of an RFC 3339 timestamp, or null when it is absent or unreadable (never throws).
   */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notUtc) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /** The later of two instants, either of which may be null. */
  public static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? a : b;
  }

  /**
   * How long ago {@code then} was; zero when {@code then} lies in the future (a clock ahead of
   * ours).
   */
  public static java.time.Duration elapsed(Instant then, Instant now) {
    java.time.Duration elapsed = java.time.Duration.between(then, now);
    return elapsed.isNegative() ? java.time.Duration.ZERO : elapsed;
  }
}
