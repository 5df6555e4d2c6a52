package io.gastown.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.status.model.Timestamps;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on phase changes: reason = the new phase, message = why. Emitted only after the
 * status write that records the new phase succeeded, and only when the stored phase differed, so a
 * restarted reporter (which finds the phase already stored) never repeats one. Best effort and off
 * the workers' path: Events are posted by one background thread; a failed Event is logged, not
 * retried, and when {@value #MAX_PENDING} wait, new ones are dropped with a log line rather than
 * slowing status writes down.
 */
final class PhaseEvents implements AutoCloseable {
  static final int MAX_PENDING = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(PhaseEvents.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;
  private final ThreadPoolExecutor poster;

  PhaseEvents(KubernetesClient client, String instance, Clock clock) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
    this.poster =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING),
            r -> {
              Thread thread = new Thread(r, "phase-events");
              thread.setDaemon(true);
              return thread;
            },
            (task, executor) ->
                LOG.warn("{} Events waiting to be posted; dropping one", MAX_PENDING));
  }

  void phaseChanged(HasMetadata object, String phase, String message, boolean warning) {
    String namespace = object.getMetadata().getNamespace();
    if (namespace == null) {
      return;
    }
    String now = Timestamps.format(clock.instant());
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                object.getMetadata().getName()
                    + "."
                    + Long.toHexString(clock.millis())
                    + Long.toHexString(SEQUENCE.incrementAndGet()))
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(object.getApiVersion())
                    .withKind(object.getKind())
                    .withName(object.getMetadata().getName())
                    .withNamespace(namespace)
                    .withUid(object.getMetadata().getUid())
                    .withResourceVersion(object.getMetadata().getResourceVersion())
                    .build())
            .withReason(phase)
            .withMessage(message != null ? message : phase)
            .withType(warning ? "Warning" : "Normal")
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(ReporterConfig.FIELD_MANAGER)
            .endSource()
            .withReportingComponent(ReporterConfig.FIELD_MANAGER)
            .withReportingInstance(instance)
            .build();
    poster.execute(
        () -> {
          try {
            client.v1().events().inNamespace(namespace).resource(event).create();
          } catch (KubernetesClientException e) {
            LOG.warn(
                "could not record the {} Event for {} {}/{}: {}",
                phase,
                object.getKind(),
                namespace,
                object.getMetadata().getName(),
                e.getMessage());
          }
        });
  }

  /** Posts the Events already queued (for up to five seconds), then stops. */
  @Override
  public void close() {
    poster.shutdown();
    try {
      poster.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
