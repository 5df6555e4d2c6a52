package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs make Pods (kube-controller-manager), which are scheduled (kube-scheduler) and run on kwok's
 * fake node.
 */
@ControlPlane(nodes = true)
class KwokJobIT {
  private final KubernetesClient client;
  private final ControlPlaneInfo info;
  private String namespace;

  KwokJobIT(KubernetesClient client, ControlPlaneInfo info) {
    this.client = client;
    this.info = info;
  }

  @BeforeEach
  void createNamespace() {
    namespace = "kwok-it-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  @AfterEach
  void deleteNamespace() {
    client.namespaces().withName(namespace).delete();
  }

  @Test
  void aJobsPodIsScheduledToTheKwokNodeAndSucceeds() throws Exception {
    client.batch().v1().jobs().inNamespace(namespace).resource(job("works", Map.of())).create();

    Pod pod = awaitFinishedPod("works");

    assertThat(pod.getSpec().getNodeName()).isEqualTo(info.nodeName());
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(terminated(pod).getExitCode()).isZero();
    awaitJobCondition("works", "Complete");
  }

  @Test
  void aPodAnnotatedToFailFailsWithTheAnnotatedExitCode() throws Exception {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .resource(
            job(
                "breaks",
                Map.of(SimulatedPod.OUTCOME, SimulatedPod.FAIL, SimulatedPod.EXIT_CODE, "42")))
        .create();

    Pod pod = awaitFinishedPod("breaks");

    assertThat(pod.getSpec().getNodeName()).isEqualTo(info.nodeName());
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(terminated(pod).getExitCode()).isEqualTo(42);
    awaitJobCondition("breaks", "Failed");
  }

  @Test
  void aPodRunsForTheAnnotatedDuration() throws Exception {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .resource(job("slow", Map.of(SimulatedPod.DURATION, "3s")))
        .create();

    Pod pod = awaitFinishedPod("slow");

    ContainerStateTerminated terminated = terminated(pod);
    Duration ran =
        Duration.between(
            Instant.parse(terminated.getStartedAt()), Instant.parse(terminated.getFinishedAt()));
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    // Timestamps have whole seconds.
    assertThat(ran).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  private Pod awaitFinishedPod(String jobName) throws Exception {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("job-name", jobName)
        .informOnCondition(
            pods ->
                pods.size() == 1
                    && List.of("Succeeded", "Failed").contains(pods.get(0).getStatus().getPhase()))
        .get(60, TimeUnit.SECONDS)
        .get(0);
  }

  private void awaitJobCondition(String jobName, String type) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName(jobName)
        .waitUntilCondition(
            job ->
                job.getStatus() != null
                    && job.getStatus().getConditions() != null
                    && job.getStatus().getConditions().stream()
                        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus())),
            60,
            TimeUnit.SECONDS);
  }

  private static ContainerStateTerminated terminated(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
  }

  private static Job job(String name, Map<String, String> podAnnotations) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withNewTemplate()
        .withNewMetadata()
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("agent")
        .withImage("registry.invalid/agent:test")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
