package io.gastown.cli.cluster;

import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One table column: its header, whether only {@code -o wide} shows it, and the cell of an object at
 * a time.
 */
public record Column<T>(String header, boolean wideOnly, BiFunction<T, Instant, String> cell) {
  public static <T> Column<T> of(String header, Function<T, String> cell) {
    return new Column<>(header, false, (item, now) -> cell.apply(item));
  }

  public static <T> Column<T> wide(String header, Function<T, String> cell) {
    return new Column<>(header, true, (item, now) -> cell.apply(item));
  }

  public static <T> Column<T> timed(String header, BiFunction<T, Instant, String> cell) {
    return new Column<>(header, false, cell);
  }
}
