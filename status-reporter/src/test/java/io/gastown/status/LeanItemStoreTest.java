package io.gastown.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Serialization;
import io.gastown.status.model.LogActivity;
import io.gastown.status.model.PolecatObservation;
import io.gastown.status.model.PolecatStatuses;
import io.gastown.status.model.WitnessSettings;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeanItemStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void aSlimmedPodAndJobGiveTheSameStatusAsTheFullOnes() {
    for (String scenario : List.of("pull-error", "running", "failed")) {
      Pod full = expandedPod(scenario);
      Job job = job();
      Pod slimPod = Serialization.readYaml(Serialization.toYaml(full), Pod.class);
      Job slimJob = Serialization.readYaml(Serialization.toYaml(job), Job.class);
      LeanItemStore.slim(slimPod);
      LeanItemStore.slim(slimJob);

      assertThat(Serialization.toJson(status(slimPod, slimJob)))
          .as(scenario)
          .isEqualTo(Serialization.toJson(status(full, job)));
      assertThat(slimPod.getSpec().getVolumes()).isEmpty();
      assertThat(slimPod.getMetadata().getManagedFields()).isNull();
      assertThat(slimJob.getSpec().getTemplate()).isNull();
    }
  }

  private static Object status(Pod pod, Job job) {
    Polecat polecat = new Polecat();
    polecat.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("furiosa")
            .withNamespace("gt-demo")
            .withGeneration(1L)
            .withCreationTimestamp("2026-11-21T11:50:00Z")
            .build());
    PolecatSpec spec = new PolecatSpec();
    spec.setRig("demo");
    spec.setBeadID("gt-1");
    spec.setDesiredState(DesiredState.Working);
    polecat.setSpec(spec);
    return PolecatStatuses.compute(
        new PolecatObservation(
            polecat,
            job,
            List.of(pod),
            List.of(),
            WitnessSettings.DEFAULTS,
            LogActivity.unknown(),
            NOW));
  }

  private static Job job() {
    return new JobBuilder()
        .withNewMetadata()
        .withName("polecat-furiosa")
        .withNamespace("gt-demo")
        .withUid("job-1")
        .withCreationTimestamp("2026-11-21T11:55:00Z")
        .addNewManagedField()
        .withManager("argocd")
        .endManagedField()
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{...}")
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(3600L)
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("agent")
        .withImage("placeholder")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .withNewStatus()
        .withStartTime("2026-11-21T11:55:00Z")
        .endStatus()
        .build();
  }

  /** A Pod as the webhook expands it: volumes, security, a long environment, resources. */
  private static Pod expandedPod(String scenario) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("polecat-furiosa-abcde")
            .withNamespace("gt-demo")
            .withUid("pod-1")
            .withCreationTimestamp("2026-11-21T11:56:00Z")
            .addToLabels("gastown.io/polecat", "furiosa")
            .addToAnnotations("gastown.io/expanded", "true")
            .addNewManagedField()
            .withManager("kubelet")
            .endManagedField()
            .endMetadata()
            .withNewSpec()
            .withActiveDeadlineSeconds(3600L)
            .withRestartPolicy("Never")
            .addNewVolume()
            .withName("workspace")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .addNewVolume()
            .withName("git-ssh")
            .withNewSecret()
            .withSecretName("git-ssh")
            .endSecret()
            .endVolume()
            .addNewInitContainer()
            .withName("git-init")
            .withImage("ghcr.io/gastown/polecat-agent:0.1.0")
            .addNewEnv()
            .withName("GT_REPO")
            .withValue("git@github.com:team/repo.git")
            .endEnv()
            .addNewEnv()
            .withName("GT_WORK_BRANCH")
            .withValue("feature/gt-1")
            .endEnv()
            .addNewVolumeMount()
            .withName("workspace")
            .withMountPath("/workspace")
            .endVolumeMount()
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .endSecurityContext()
            .endInitContainer()
            .addNewContainer()
            .withName("agent")
            .withImage("ghcr.io/gastown/polecat-agent:0.1.0")
            .withCommand("claude")
            .withArgs("--print", "do the work")
            .addNewEnv()
            .withName("GT_TASK_DESCRIPTION")
            .withValue("a long task description")
            .endEnv()
            .addNewVolumeMount()
            .withName("workspace")
            .withMountPath("/workspace")
            .endVolumeMount()
            .endContainer()
            .endSpec();
    return switch (scenario) {
      case "pull-error" ->
          pod.withNewStatus()
              .withPhase("Pending")
              .withContainerStatuses(
                  new ContainerStatusBuilder()
                      .withName("agent")
                      .withNewState()
                      .withNewWaiting()
                      .withReason("ErrImagePull")
                      .endWaiting()
                      .endState()
                      .build())
              .endStatus()
              .build();
      case "running" ->
          pod.withNewStatus()
              .withPhase("Running")
              .withStartTime("2026-11-21T11:56:30Z")
              .withContainerStatuses(
                  new ContainerStatusBuilder()
                      .withName("agent")
                      .withNewState()
                      .withNewRunning()
                      .withStartedAt("2026-11-21T11:57:00Z")
                      .endRunning()
                      .endState()
                      .build())
              .endStatus()
              .build();
      default ->
          pod.withNewStatus()
              .withPhase("Failed")
              .withReason("DeadlineExceeded")
              .withContainerStatuses(
                  new ContainerStatusBuilder()
                      .withName("agent")
                      .withNewState()
                      .withNewTerminated()
                      .withExitCode(137)
                      .withReason("Error")
                      .withFinishedAt("2026-11-21T11:59:00Z")
                      .endTerminated()
                      .endState()
                      .build())
              .endStatus()
              .build();
    };
  }
}
