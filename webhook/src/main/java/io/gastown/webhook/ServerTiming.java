package io.gastown.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Where the time of one admission request went: phases marked one after another, each lasting from
 * the previous mark, written the way an HTTP {@code Server-Timing} header writes them ({@code
 * polecat;dur=0.120, secrets;dur=1.4}, milliseconds). Costs a clock read per mark; the webhook logs
 * it at debug and records the phases as a metric.
 */
final class ServerTiming {
  /** A phase and how long it took. */
  record Phase(String name, long nanos) {}

  private final LongSupplier nanoTime;
  private final List<Phase> phases = new ArrayList<>();
  private long last;

  ServerTiming(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.last = nanoTime.getAsLong();
  }

  static ServerTiming start() {
    return new ServerTiming(System::nanoTime);
  }

  /** Ends the phase {@code name} now; the next phase starts now. */
  void mark(String name) {
    long now = nanoTime.getAsLong();
    phases.add(new Phase(name, now - last));
    last = now;
  }

  List<Phase> phases() {
    return List.copyOf(phases);
  }

  long totalNanos() {
    return phases.stream().mapToLong(Phase::nanos).sum();
  }

  @Override
  public String toString() {
    return phases.stream()
        .map(phase -> String.format(Locale.ROOT, "%s;dur=%.3f", phase.name(), phase.nanos() / 1e6))
        .collect(Collectors.joining(", "));
  }
}
