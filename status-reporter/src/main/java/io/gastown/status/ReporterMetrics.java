package io.gastown.status;

import io.gastown.model.PolecatPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What /metrics shows: status writes by kind and result, the lag from noticing a change to writing
 * the status, polecats by phase, log probes, the work queue's depth and whether this replica leads.
 */
final class ReporterMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer lag;
  private final Map<PolecatPhase, AtomicInteger> byPhase = new EnumMap<>(PolecatPhase.class);
  private final AtomicInteger leader = new AtomicInteger();
  private final Counter probesOk;
  private final Counter probesFailed;
  private final Counter events;

  ReporterMetrics() {
    lag =
        Timer.builder("gastown_status_lag")
            .description(
                "Time from noticing a change (informer event or time-driven check) to the status written")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
    for (PolecatPhase phase : PolecatPhase.values()) {
      AtomicInteger count = new AtomicInteger();
      byPhase.put(phase, count);
      Gauge.builder("gastown_polecats", count, AtomicInteger::get)
          .description("Polecats by their stored phase")
          .tag("phase", phase.name())
          .register(registry);
    }
    Gauge.builder("gastown_status_reporter_leader", leader, AtomicInteger::get)
        .description("1 while this replica holds the Lease and writes statuses")
        .register(registry);
    probesOk = Counter.builder("gastown_log_probes").tag("result", "ok").register(registry);
    probesFailed = Counter.builder("gastown_log_probes").tag("result", "error").register(registry);
    events =
        Counter.builder("gastown_phase_events")
            .description("Events emitted on phase changes")
            .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  void queueDepth(Supplier<Number> depth) {
    Gauge.builder("gastown_status_queue_depth", depth, d -> d.get().doubleValue())
        .description("Objects waiting for their status to be computed")
        .register(registry);
  }

  void statusWrite(Key.Kind kind, String result) {
    registry
        .counter(
            "gastown_status_writes",
            "kind",
            kind.name().toLowerCase(java.util.Locale.ROOT),
            "result",
            result)
        .increment();
  }

  void lag(long nanos) {
    lag.record(Duration.ofNanos(nanos));
  }

  void polecatsByPhase(Map<PolecatPhase, Integer> counts) {
    byPhase.forEach((phase, gauge) -> gauge.set(counts.getOrDefault(phase, 0)));
  }

  void leading(boolean leading) {
    leader.set(leading ? 1 : 0);
  }

  void logProbe(boolean ok) {
    (ok ? probesOk : probesFailed).increment();
  }

  void phaseEvent() {
    events.increment();
  }

  String scrape() {
    return registry.scrape();
  }
}
