package io.gastown.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.status.model.Timestamps;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on phase changes: reason = the new phase, message = why. Emitted only after the status write
 * that records the new phase succeeded, and only when the stored phase differed, so a restarted reporter (which
 * finds the phase already stored) never repeats one. Best effort: a failed Event is logged, not retried.
 */
final class PhaseEvents {
  private static final Logger LOG = LoggerFactory.getLogger(PhaseEvents.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;

  PhaseEvents(KubernetesClient client, String instance, Clock clock) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
  }

  void phaseChanged(HasMetadata object, String phase, String message, boolean warning) {
    String namespace = object.getMetadata().getNamespace();
    if (namespace == null) {
      return;
    }
    String now = Timestamps.format(clock.instant());
    Event event = new EventBuilder()
        .withNewMetadata()
        .withName(object.getMetadata().getName() + "." + Long.toHexString(clock.millis()) + Long.toHexString(
            SEQUENCE.incrementAndGet()))
        .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
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
        .withNewSource().withComponent(ReporterConfig.FIELD_MANAGER).endSource()
        .withReportingComponent(ReporterConfig.FIELD_MANAGER)
        .withReportingInstance(instance)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record the {} Event for {} {}/{}: {}", phase, object.getKind(), namespace,
          object.getMetadata().getName(), e.getMessage());
    }
  }
}
