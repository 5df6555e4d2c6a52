package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.gastown.model.DesiredState;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.PolecatStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Small builders for the objects a polecat's status is computed from. Times are relative to {@link
 * #NOW}.
 */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final String NAMESPACE = "gt-demo";
  static final String NAME = "furiosa";
  static final String JOB_UID = "job-uid-1";

  /**
   * The Pod spec the expansion makes (golden case claude-credentials-file): the Pods below are all
   * of this shape.
   */
  static final PodSpec EXPANDED = ExpandedPods.spec("claude-credentials-file");

  /** The agent container and the image it runs, as the expansion names them. */
  static final String AGENT = EXPANDED.getContainers().get(0).getName();

  static final String IMAGE = EXPANDED.getContainers().get(0).getImage();
  static final String GIT_INIT = EXPANDED.getInitContainers().get(0).getName();

  /** The work branch the expanded Pod carries. */
  static final String WORK_BRANCH =
      PodFacts.workBranch(new PodBuilder().withSpec(EXPANDED).build());

  private Fixtures() {}

  static String ago(Duration d) {
    return Timestamps.format(NOW.minus(d));
  }

  static String minutesAgo(long minutes) {
    return ago(Duration.ofMinutes(minutes));
  }

  static Polecat polecat(DesiredState desired) {
    return polecat(NAME, "gt-1", desired);
  }

  static Polecat polecat(String name, String bead, DesiredState desired) {
    Polecat polecat = new Polecat();
    polecat.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withGeneration(3L)
            .withUid("polecat-uid-" + name)
            .withCreationTimestamp(minutesAgo(5))
            .withLabels(
                Map.of(
                    GasTown.LABEL_POLECAT,
                    name,
                    GasTown.LABEL_RIG,
                    "demo",
                    GasTown.LABEL_BEAD,
                    bead))
            .build());
    PolecatSpec spec = new PolecatSpec();
    spec.setRig("demo");
    spec.setBeadID(bead);
    spec.setDesiredState(desired);
    polecat.setSpec(spec);
    return polecat;
  }

  static Polecat withStatus(Polecat polecat, PolecatStatus status) {
    polecat.setStatus(status);
    return polecat;
  }

  /** The polecat's Job, created and started 3 minutes ago. */
  static JobBuilder job() {
    return new JobBuilder()
        .withNewMetadata()
        .withName("polecat-" + NAME)
        .withNamespace(NAMESPACE)
        .withUid(JOB_UID)
        .withCreationTimestamp(minutesAgo(3))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .endSpec()
        .withNewStatus()
        .withStartTime(minutesAgo(3))
        .endStatus();
  }

  static Job jobWithCondition(String type, String reason, String message, String when) {
    return job()
        .editStatus()
        .addToConditions(
            new JobConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(when)
                .build())
        .withCompletionTime("Complete".equals(type) ? when : null)
        .endStatus()
        .build();
  }

  /**
   * A Pod of the Job, created {@code createdMinutesAgo} minutes ago, in the given phase with no
   * container status.
   */
  static PodBuilder pod(String suffix, String phase, long createdMinutesAgo) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("polecat-" + NAME + "-" + suffix)
        .withNamespace(NAMESPACE)
        .withUid("pod-uid-" + suffix)
        .withCreationTimestamp(minutesAgo(createdMinutesAgo))
        .addToLabels(GasTown.LABEL_POLECAT, NAME)
        .endMetadata()
        .withSpec(new PodSpecBuilder(EXPANDED).build())
        .withNewStatus()
        .withPhase(phase)
        .endStatus();
  }

  static Pod running(String suffix, long startedMinutesAgo) {
    return pod(suffix, "Running", startedMinutesAgo + 1)
        .editStatus()
        .withStartTime(minutesAgo(startedMinutesAgo + 1))
        .withInitContainerStatuses(
            terminated(GIT_INIT, 0, "Completed", startedMinutesAgo + 1, startedMinutesAgo))
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(AGENT)
                .withImage(IMAGE)
                .withNewState()
                .withNewRunning()
                .withStartedAt(minutesAgo(startedMinutesAgo))
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  static Pod finished(
      String suffix, String phase, int exitCode, String reason, long finishedMinutesAgo) {
    return pod(suffix, phase, finishedMinutesAgo + 10)
        .editStatus()
        .withStartTime(minutesAgo(finishedMinutesAgo + 10))
        .withInitContainerStatuses(
            terminated(GIT_INIT, 0, "Completed", finishedMinutesAgo + 10, finishedMinutesAgo + 9))
        .withContainerStatuses(
            terminated(AGENT, exitCode, reason, finishedMinutesAgo + 9, finishedMinutesAgo))
        .endStatus()
        .build();
  }

  static ContainerStatus terminated(
      String name, int exitCode, String reason, long startedMinutesAgo, long finishedMinutesAgo) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage(IMAGE)
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(reason)
        .withStartedAt(minutesAgo(startedMinutesAgo))
        .withFinishedAt(minutesAgo(finishedMinutesAgo))
        .endTerminated()
        .endState()
        .build();
  }

  static ContainerStatus waiting(String name, String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage(IMAGE)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .build();
  }

  static Pod unschedulable(long createdMinutesAgo) {
    return pod("abcde", "Pending", createdMinutesAgo)
        .editStatus()
        .addToConditions(
            new PodConditionBuilder()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage(
                    "0/1 nodes are available: 1 node(s) didn't match Pod's node "
                        + "affinity/selector.")
                .build())
        .endStatus()
        .build();
  }

  static PolecatObservation observe(Polecat polecat, Job job, List<Pod> pods) {
    return new PolecatObservation(
        polecat, job, pods, List.of(), WitnessSettings.DEFAULTS, LogActivity.unknown(), NOW);
  }
}
