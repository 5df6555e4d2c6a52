package io.gastown.cli.wait;

import io.gastown.model.Durations;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * How a wait shows where it stands. On a terminal one line is rewritten in place (with the elapsed
 * time); otherwise (a pipe, a CI log) a plain line is printed each time the message changes, so
 * logs stay readable.
 */
public interface Progress {
  void update(String message, Duration elapsed);

  /** Ends the progress display with a last line. */
  void finish(String message);

  static Progress to(PrintWriter out, boolean terminal) {
    return terminal ? new Live(out) : new Plain(out);
  }

  /** One line, rewritten with a carriage return and erase-to-end-of-line. */
  final class Live implements Progress {
    private static final String ERASE_LINE = "\r\033[K";
    private final PrintWriter out;

    Live(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void update(String message, Duration elapsed) {
      out.print(ERASE_LINE + "[" + Durations.format(elapsed.withNanos(0)) + "] " + message);
      out.flush();
    }

    @Override
    public void finish(String message) {
      out.println(ERASE_LINE + message);
      out.flush();
    }
  }

  /** A line per change of message. */
  final class Plain implements Progress {
    private final PrintWriter out;
    private String last;

    Plain(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void update(String message, Duration elapsed) {
      if (!message.equals(last)) {
        out.println(message);
        out.flush();
        last = message;
      }
    }

    @Override
    public void finish(String message) {
      out.println(message);
      out.flush();
    }
  }
}
