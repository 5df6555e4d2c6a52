package io.gastown.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.DoubleStream;

/**
 * Prometheus metrics: {@code gastown_webhook_admissions_total{endpoint,result}} (result: allowed,
 * denied, bad_request, error), {@code gastown_webhook_admission_duration_seconds} (histogram per
 * endpoint), {@code gastown_webhook_pod_admission_phase_seconds{phase}} (histogram per phase of a
 * polecat Pod's admission: polecat, rig, policy, secrets, expand, slots, diff, refusal; see {@link
 * PodAdmission}), {@code gastown_webhook_tls_reloads_total{result}}, and the JVM's.
 */
final class AdmissionMetrics {
  enum Result {
    allowed,
    denied,
    bad_request,
    error
  }

  /**
   * Histogram buckets: fine below the 5 ms target, coarse up to the apiserver's 10 s webhook
   * timeout ceiling.
   */
  private static final Duration[] BUCKETS =
      DoubleStream.of(0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
          .mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000)))
          .toArray(Duration[]::new);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Timer> phases = new ConcurrentHashMap<>();

  AdmissionMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  void record(String endpoint, Result result, long nanos) {
    counters
        .computeIfAbsent(
            endpoint + " " + result,
            key ->
                Counter.builder("gastown.webhook.admissions")
                    .description("Admission requests by endpoint and result")
                    .tag("endpoint", endpoint)
                    .tag("result", result.name())
                    .register(registry))
        .increment();
    timers
        .computeIfAbsent(
            endpoint,
            key ->
                Timer.builder("gastown.webhook.admission.duration")
                    .description(
                        "Time to answer an admission request, from the body read to the response written")
                    .tag("endpoint", endpoint)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  /** Records each phase of one polecat Pod's admission. */
  void podPhases(ServerTiming timing) {
    for (ServerTiming.Phase phase : timing.phases()) {
      phases
          .computeIfAbsent(
              phase.name(),
              key ->
                  Timer.builder("gastown.webhook.pod.admission.phase")
                      .description(
                          "Time of each phase of a polecat Pod's admission (waits for the cache included)")
                      .tag("phase", key)
                      .serviceLevelObjectives(BUCKETS)
                      .register(registry))
          .record(Duration.ofNanos(phase.nanos()));
    }
  }

  void tlsReloaded(boolean success) {
    Counter.builder("gastown.webhook.tls.reloads")
        .description("Certificate reloads after the TLS files changed on disk")
        .tag("result", success ? "success" : "failure")
        .register(registry)
        .increment();
  }

  String scrape() {
    return registry.scrape();
  }
}
