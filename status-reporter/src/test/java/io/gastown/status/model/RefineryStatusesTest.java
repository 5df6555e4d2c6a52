package io.gastown.status.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gastown.model.GasTown;
import io.gastown.model.PodContract;
import io.gastown.model.Refinery;
import io.gastown.model.RefineryPhase;
import io.gastown.model.RefinerySpec;
import io.gastown.model.RefineryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The phase table of a Refinery's status, from its merge runs' Pods. */
class RefineryStatusesTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void aRunningRunIsProcessingItsQueue() {
    RefineryStatus status = compute(run("r-1", "Running", null, null));
    assertThat(status.getPhase()).isEqualTo(RefineryPhase.Processing);
    assertThat(status.getCurrentMerge()).isEqualTo("feature/gt-1 feature/gt-2");
    assertThat(status.getLastRun().getQueued()).isEqualTo(2);
  }

  @Test
  void aRunThatFailedAsAWholeIsAnErrorWithTheLastLineOfItsLog() {
    RefineryStatus status =
        compute(
            run(
                "r-1",
                "Failed",
                3,
                "refinery-merge: landing\nrefinery-merge: cannot fetch branch main of the remote\n"));
    assertThat(status.getPhase()).isEqualTo(RefineryPhase.Error);
    assertThat(status.getLastRun().getMessage())
        .isEqualTo("refinery-merge: cannot fetch branch main of the remote");
    assertThat(status.getConditions())
        .singleElement()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  @Test
  void theLastMergeIsKeptWhenTheNewestRunMergedNothing() {
    Pod older =
        run(
            "r-1",
            "Succeeded",
            0,
            "{\"branch\":\"feature/gt-1\",\"result\":\"merged\",\"commit\":\"abc\"}\n");
    older.getMetadata().setCreationTimestamp("2026-01-01T11:00:00Z");
    Pod newer =
        run(
            "r-2",
            "Succeeded",
            0,
            "{\"branch\":\"feature/gt-2\",\"result\":\"failed\",\"reason\":\"test command failed with"
                + " exit code 1\"}\n");
    RefineryStatus status = compute(newer, older);
    assertThat(status.getPhase()).isEqualTo(RefineryPhase.Idle);
    assertThat(status.getLastMergedBranch()).isEqualTo("feature/gt-1");
    assertThat(status.getLastMergedCommit()).isEqualTo("abc");
    assertThat(status.getFailures())
        .singleElement()
        .satisfies(f -> assertThat(f.getPolecat()).isEqualTo("nux"));
    assertThat(status.getLastRun().getPodName()).isEqualTo("r-2");
  }

  private static RefineryStatus compute(Pod... runs) {
    Refinery refinery = new Refinery();
    refinery.setMetadata(new ObjectMetaBuilder().withName("shop").withNamespace("gt-shop").build());
    RefinerySpec spec = new RefinerySpec();
    spec.setRigRef("shop");
    refinery.setSpec(spec);
    return RefineryStatuses.compute(refinery, null, List.of(runs), List.of(), List.of(), NOW);
  }

  private static Pod run(String name, String phase, Integer exitCode, String message) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("gt-shop")
            .withCreationTimestamp("2026-01-01T11:30:00Z")
            .withLabels(Map.of(GasTown.LABEL_REFINERY, "shop"))
            .withAnnotations(
                Map.of(GasTown.ANNOTATION_MERGE_QUEUE, "furiosa=feature/gt-1 nux=feature/gt-2"))
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .withStartTime("2026-01-01T11:30:01Z")
            .endStatus();
    if (exitCode != null) {
      pod.editStatus()
          .addNewContainerStatus()
          .withName(PodContract.REFINERY_MERGE_CONTAINER)
          .withNewState()
          .withNewTerminated()
          .withExitCode(exitCode)
          .withFinishedAt("2026-01-01T11:31:00Z")
          .withMessage(message)
          .endTerminated()
          .endState()
          .endContainerStatus()
          .endStatus();
    }
    return pod.build();
  }
}
