package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import io.gastown.render.PolecatManifests;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.SimulatedPod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Rig's maxPolecats held by the webhook in a real cluster: the Job controller
 * (kube-controller-manager) creates the polecats' Pods from the skeleton Jobs as rendered into git,
 * the apiserver calls the webhook, kwok runs the admitted Pods. With maxPolecats 1, the second
 * polecat's Pod is refused while the first runs (the Job's FailedCreate event carries the reason),
 * and the Job controller's back-off brings it once the first has finished.
 */
@ControlPlane(nodes = true)
class PolecatBudgetIT {
  static RegisteredWebhook webhook;
  static KubernetesClient client;

  @BeforeAll
  static void registerTheWebhook(KubernetesClient kubernetes) throws Exception {
    client = kubernetes;
    webhook = RegisteredWebhook.register(kubernetes, "{maxPolecats: 1}");
  }

  @AfterAll
  static void unregister() {
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void withMaxPolecatsOneTheSecondPodIsRefusedUntilTheFirstFinishes() {
    startPolecat("furiosa", "gt-1", "8s");
    Pod first =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> podOf("furiosa"), pods -> !pods.isEmpty())
            .get(0);
    assertThat(first.getMetadata().getAnnotations()).containsEntry("gastown.io/expanded", "true");

    startPolecat("nux", "gt-2", "1s");

    Event refused =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> failedCreate(PodContract.jobName("nux")), events -> !events.isEmpty())
            .get(0);
    assertThat(refused.getMessage())
        .contains(
            "denied the request: waiting for a slot: rig "
                + webhook.rig
                + " allows 1 polecat at once (spec.settings.maxPolecats); 1 is running: furiosa;");
    assertThat(podOf("nux")).as("no Pod for nux while furiosa runs").isEmpty();

    Pod second =
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> podOf("nux"), pods -> !pods.isEmpty())
            .get(0);
    Pod firstNow = podOf("furiosa").get(0);
    assertThat(firstNow.getStatus().getPhase()).isEqualTo("Succeeded");
    Instant firstFinished =
        Instant.parse(
            firstNow
                .getStatus()
                .getContainerStatuses()
                .get(0)
                .getState()
                .getTerminated()
                .getFinishedAt());
    assertThat(Instant.parse(second.getMetadata().getCreationTimestamp()))
        .as("nux's Pod was created after furiosa's finished")
        .isAfterOrEqualTo(firstFinished);
    assertThat(second.getMetadata().getAnnotations()).containsEntry("gastown.io/expanded", "true");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "Succeeded".equals(podOf("nux").get(0).getStatus().getPhase()));
  }

  /**
   * The Polecat and its skeleton Job as rendered into git, the Job's Pod simulated to run for
   * {@code duration}.
   */
  private static void startPolecat(String name, String bead, String duration) {
    Polecat polecat = webhook.polecat(name, bead);
    List<JsonNode> documents =
        PolecatManifests.documents(polecat, "ghcr.io/gastown/polecat-agent:0.1.0");
    client
        .resource(Serialization.jsonMapper().convertValue(documents.get(0), Polecat.class))
        .create();
    Job job = client.getKubernetesSerialization().convertValue(documents.get(1), Job.class);
    job.getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(java.util.Map.of(SimulatedPod.DURATION, duration));
    client.resource(job).create();
  }

  private static List<Pod> podOf(String polecat) {
    return client
        .pods()
        .inNamespace(webhook.namespace)
        .withLabel("gastown.io/polecat", polecat)
        .list()
        .getItems();
  }

  private static List<Event> failedCreate(String job) {
    return client
        .v1()
        .events()
        .inNamespace(webhook.namespace)
        .withField("involvedObject.name", job)
        .list()
        .getItems()
        .stream()
        .filter(event -> "FailedCreate".equals(event.getReason()))
        .toList();
  }
}
