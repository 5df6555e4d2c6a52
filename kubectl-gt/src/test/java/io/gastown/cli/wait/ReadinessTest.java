package io.gastown.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gastown.cli.cluster.Fixtures;
import io.gastown.cli.wait.Verdict.State;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  private static Polecat polecat(PolecatPhase phase, String message) {
    Polecat polecat = Fixtures.polecat("gt-r", "furiosa", "r", "gt-1", phase);
    if (message != null) {
      polecat.getStatus().setMessage(message);
    }
    return polecat;
  }

  private static Pod pod(String phase) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("furiosa-abc")
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  @Test
  void waitingForWorking() {
    assertThat(Readiness.working("furiosa", null, Optional.empty()))
        .isEqualTo(
            Verdict.waiting(
                "polecat furiosa is not in the cluster yet (waiting for Argo CD to sync it)"));
    assertThat(
            Readiness.working("furiosa", polecat(null, null), Optional.of(pod("Running")))
                .message())
        .contains("no status yet")
        .contains("is the status reporter running?");
    assertThat(
            Readiness.working(
                "furiosa", polecat(PolecatPhase.Pending, "waiting for a node"), Optional.empty()))
        .isEqualTo(Verdict.waiting("polecat furiosa is Pending: waiting for a node"));
    assertThat(
            Readiness.working(
                "furiosa", polecat(PolecatPhase.Working, null), Optional.of(pod("Running"))))
        .isEqualTo(Verdict.reached("polecat furiosa is Working (pod furiosa-abc)"));
    assertThat(
            Readiness.working("furiosa", polecat(PolecatPhase.Done, null), Optional.empty())
                .state())
        .isEqualTo(State.REACHED);
    assertThat(
            Readiness.working(
                "furiosa", polecat(PolecatPhase.Stuck, "no output for 30m"), Optional.empty()))
        .isEqualTo(Verdict.failed("polecat furiosa is Stuck: no output for 30m"));
  }

  @Test
  void podRunningOrAlreadySucceededIsReady() {
    assertThat(
            Readiness.podRunning(
                "furiosa", polecat(null, null), Optional.of(pod("Running")), Optional.empty()))
        .isEqualTo(Verdict.reached("pod furiosa-abc is running"));
    assertThat(
            Readiness.podRunning(
                "furiosa", polecat(null, null), Optional.of(pod("Succeeded")), Optional.empty()))
        .isEqualTo(Verdict.reached("pod furiosa-abc already finished (Succeeded)"));
  }

  @Test
  void failedPodOrPolecatFailsWithTheReason() {
    Pod failed =
        new PodBuilder(pod("Failed"))
            .editStatus()
            .addNewContainerStatus()
            .withName("agent")
            .withNewState()
            .withNewTerminated()
            .withExitCode(2)
            .withReason("Error")
            .withMessage("no credentials\n")
            .endTerminated()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    assertThat(
            Readiness.podRunning(
                "furiosa", polecat(null, null), Optional.of(failed), Optional.empty()))
        .isEqualTo(
            Verdict.failed(
                "pod furiosa-abc failed: container agent terminated: Error (exit code 2): "
                    + "no credentials"));
    assertThat(
            Readiness.podRunning(
                "furiosa",
                polecat(PolecatPhase.Failed, "Secret claude-home is missing"),
                Optional.empty(),
                Optional.empty()))
        .isEqualTo(Verdict.failed("polecat furiosa is Failed: Secret claude-home is missing"));
  }

  @Test
  void pendingPodSaysWhy() {
    Pod pulling =
        new PodBuilder(pod("Pending"))
            .editStatus()
            .addNewContainerStatus()
            .withName("agent")
            .withNewState()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image x")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    assertThat(
            Readiness.podRunning(
                "furiosa", polecat(null, null), Optional.of(pulling), Optional.empty()))
        .isEqualTo(
            Verdict.waiting(
                "pod furiosa-abc is Pending: container agent ImagePullBackOff: Back-off pulling "
                    + "image x"));
    Pod unschedulable =
        new PodBuilder(pod("Pending"))
            .editStatus()
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage("0/1 nodes are available")
            .endCondition()
            .endStatus()
            .build();
    assertThat(
            Readiness.podRunning(
                    "furiosa", polecat(null, null), Optional.of(unschedulable), Optional.empty())
                .message())
        .isEqualTo(
            "pod furiosa-abc is Pending: not scheduled (Unschedulable): 0/1 nodes are available");
  }

  @Test
  void noPodYetSaysWhatTheJobSaysElseThePolecatMessage() {
    assertThat(
            Readiness.podRunning(
                    "furiosa",
                    polecat(PolecatPhase.Pending, "waiting"),
                    Optional.empty(),
                    Optional.of(
                        "Job furiosa cannot create its pod: admission webhook denied the request"))
                .message())
        .isEqualTo(
            "polecat furiosa has no pod yet: Job furiosa cannot create its pod: admission webhook denied the "
                + "request");
    assertThat(
            Readiness.podRunning(
                    "furiosa",
                    polecat(PolecatPhase.Pending, "waiting for sync"),
                    Optional.empty(),
                    Optional.empty())
                .message())
        .isEqualTo("polecat furiosa has no pod yet: waiting for sync");
  }
}
