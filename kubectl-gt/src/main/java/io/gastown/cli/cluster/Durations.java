package io.gastown.cli.cluster;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as kubectl reads and writes them: {@code 5m}, {@code 1h30m}, {@code 500ms}; ages like {@code 3d4h}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {
  }

  /**
   * Parses a Go-style duration ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 250ms}) or a plain number of
   * seconds ({@code 0} means none). The error names the option and an example.
   */
  public static Duration parse(String text, String option) {
    String value = text == null ? "" : text.trim();
    if (value.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    Matcher matcher = PART.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      long amount = Long.parseLong(matcher.group(1));
      total = total.plus(switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      });
      end = matcher.end();
    }
    if (value.isEmpty() || end != value.length()) {
      throw new IllegalArgumentException(option + ": '" + text + "' is not a duration; write e.g. 30s, 5m or 1h30m");
    }
    return total;
  }

  /** {@code 1h30m0s} style is noisy: prints the largest units only, e.g. 5m, 1h30m, 45s. */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds == 0 && duration.toMillis() > 0) {
      return duration.toMillis() + "ms";
    }
    StringBuilder out = new StringBuilder();
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (rest > 0 || out.length() == 0) {
      out.append(rest).append('s');
    }
    return out.toString();
  }

  /** The age column of kubectl (apimachinery's HumanDuration): 45s, 5m30s, 150m, 5h20m, 30h, 3d4h, 20d, 2y10d. */
  public static String age(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = seconds / 3600;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      long days = hours / 24 % 365;
      return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
