package io.gastown.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Gas Town reads and writes them, in the CRDs ({@link GasTown#DURATION_PATTERN}: the
 * Witness's thresholds) and on the command line ({@code --timeout}): Go-style {@code 500ms}, {@code
 * 30s}, {@code 15m}, {@code 1h30m}, or a plain number of seconds.
 */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile(GasTown.DURATION_PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses a duration ({@code 0} means none).
   *
   * @param field the field or option it comes from, named in the error
   * @throws IllegalArgumentException naming the field and the expected form
   */
  public static Duration parse(String field, String text) {
    String value = text == null ? "" : text.trim();
    if (!value.matches("[0-9]+") && !WHOLE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + ": '" + text + "' is not a duration; write e.g. 30s, 5m or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(value);
    try {
      if (value.matches("[0-9]+")) {
        return Duration.ofSeconds(Long.parseLong(value));
      }
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        total =
            total.plus(
                switch (part.group(2)) {
                  case "ms" -> Duration.ofMillis(amount);
                  case "s" -> Duration.ofSeconds(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  default -> Duration.ofHours(amount);
                });
      }
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      throw new IllegalArgumentException(
          field + ": '" + text + "' is too large; write at most a few days, e.g. 72h");
    }
    return total;
  }

  /** The shortest Go-style spelling: {@code 15m}, {@code 1h30m}, {@code 45s}, {@code 500ms}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    if (seconds > 0) {
      text.append(seconds).append('s');
    }
    if (millis > 0) {
      text.append(millis).append("ms");
    }
    return text.toString();
  }
}
