package io.gastown.status.model;

import static io.gastown.status.model.Fixtures.AGENT;
import static io.gastown.status.model.Fixtures.GIT_INIT;
import static io.gastown.status.model.Fixtures.IMAGE;
import static io.gastown.status.model.Fixtures.JOB_UID;
import static io.gastown.status.model.Fixtures.NOW;
import static io.gastown.status.model.Fixtures.WORK_BRANCH;
import static io.gastown.status.model.Fixtures.finished;
import static io.gastown.status.model.Fixtures.job;
import static io.gastown.status.model.Fixtures.jobWithCondition;
import static io.gastown.status.model.Fixtures.minutesAgo;
import static io.gastown.status.model.Fixtures.observe;
import static io.gastown.status.model.Fixtures.pod;
import static io.gastown.status.model.Fixtures.polecat;
import static io.gastown.status.model.Fixtures.running;
import static io.gastown.status.model.Fixtures.terminated;
import static io.gastown.status.model.Fixtures.unschedulable;
import static io.gastown.status.model.Fixtures.waiting;
import static io.gastown.status.model.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolecatStatusesTest {

  /**
   * One row of the phase table: what is observed, and the phase, reason, Degraded status and
   * message expected.
   */
  record Row(
      PolecatObservation in,
      PolecatPhase phase,
      String reason,
      boolean degraded,
      String messagePart) {}

  static Stream<Arguments> phaseTable() {
    Polecat working = polecat(DesiredState.Working);
    return Stream.of(
        row(
            "no Job yet",
            observe(working, null, List.of()),
            PolecatPhase.Pending,
            "JobMissing",
            false,
            "no Job polecat-furiosa in namespace gt-demo yet"),
        row(
            "Job without a Pod yet",
            observe(working, job().build(), List.of()),
            PolecatPhase.Pending,
            "WaitingForPod",
            false,
            "waiting for Job polecat-furiosa to create its pod"),
        row(
            "Job whose Pod the webhook denies",
            withWarnings(
                observe(working, job().build(), List.of()),
                new ObservedEvent(
                    JOB_UID,
                    "FailedCreate",
                    "Error creating: admission webhook \"pods.gastown.io\" "
                        + "denied the request: Polecat gt-demo/furiosa does not exist",
                    NOW.minusSeconds(30))),
            PolecatPhase.Pending,
            "AdmissionDenied",
            true,
            "denied the request: Polecat gt-demo/furiosa does not exist"),
        row(
            "Job whose Pod waits for a slot of the rig",
            withWarnings(observe(working, job().build(), List.of()), slotEvent()),
            PolecatPhase.Pending,
            "WaitingForSlot",
            false,
            "waiting for a slot: rig demo allows 2 polecats at once "
                + "(spec.settings.maxPolecats); 2 are running: ace, nux"),
        row(
            "Job waiting for a slot longer than pendingThreshold: a queue, not stuck",
            withWarnings(
                observe(
                    working,
                    job()
                        .editMetadata()
                        .withCreationTimestamp(minutesAgo(45))
                        .endMetadata()
                        .build(),
                    List.of()),
                slotEvent()),
            PolecatPhase.Pending,
            "WaitingForSlot",
            false,
            "waiting for a slot: rig demo allows 2 polecats"),
        row(
            "Job that cannot create its Pod (quota)",
            withWarnings(
                observe(working, job().build(), List.of()),
                new ObservedEvent(
                    JOB_UID,
                    "FailedCreate",
                    "Error creating: pods \"polecat-furiosa-x\" is forbidden: " + "exceeded quota",
                    NOW.minusSeconds(30))),
            PolecatPhase.Pending,
            "PodCreateFailed",
            true,
            "exceeded quota"),
        row(
            "suspended Job",
            observe(working, job().editSpec().withSuspend(true).endSpec().build(), List.of()),
            PolecatPhase.Pending,
            "JobSuspended",
            false,
            "spec.suspend"),
        row(
            "Pod unschedulable",
            observe(working, job().build(), List.of(unschedulable(2))),
            PolecatPhase.Pending,
            "Unschedulable",
            true,
            "cannot be scheduled: 0/1 nodes are available"),
        row(
            "Pod not scheduled yet",
            observe(working, job().build(), List.of(pod("abcde", "Pending", 1).build())),
            PolecatPhase.Pending,
            "Starting",
            false,
            "pod polecat-furiosa-abcde is starting"),
        row(
            "image cannot be pulled",
            observe(
                working,
                job().build(),
                List.of(
                    pod("abcde", "Pending", 2)
                        .editStatus()
                        .withContainerStatuses(
                            waiting(AGENT, "ImagePullBackOff", "Back-off pulling image"))
                        .endStatus()
                        .build())),
            PolecatPhase.Pending,
            "ImagePullError",
            true,
            "container " + AGENT + " cannot pull its image \"" + IMAGE + "\""),
        row(
            "Secret missing for an env var",
            observe(
                working,
                job().build(),
                List.of(
                    pod("abcde", "Pending", 2)
                        .editStatus()
                        .withInitContainerStatuses(
                            waiting(
                                GIT_INIT,
                                "CreateContainerConfigError",
                                "secret \"git-ssh\" not found"))
                        .endStatus()
                        .build())),
            PolecatPhase.Pending,
            "MissingSecretOrConfigMap",
            true,
            "container git-init cannot start: secret \"git-ssh\" not found (create it in namespace gt-demo)"),
        row(
            "ConfigMap missing for a volume",
            withWarnings(
                observe(working, job().build(), List.of(pod("abcde", "Pending", 2).build())),
                new ObservedEvent(
                    "pod-uid-abcde",
                    "FailedMount",
                    "MountVolume.SetUp failed for volume \"known-hosts\" : configmap \"ssh-known-hosts\" not found",
                    NOW.minusSeconds(10))),
            PolecatPhase.Pending,
            "MissingSecretOrConfigMap",
            true,
            "configmap \"ssh-known-hosts\" not found"),
        row(
            "other container config error",
            observe(
                working,
                job().build(),
                List.of(
                    pod("abcde", "Pending", 2)
                        .editStatus()
                        .withContainerStatuses(
                            waiting(
                                AGENT,
                                "CreateContainerConfigError",
                                "container has runAsNonRoot and image will run as root"))
                        .endStatus()
                        .build())),
            PolecatPhase.Pending,
            "ContainerConfigError",
            true,
            "runAsNonRoot"),
        row(
            "git-init cloning",
            observe(
                working,
                job().build(),
                List.of(
                    pod("abcde", "Pending", 2)
                        .editStatus()
                        .withInitContainerStatuses(
                            new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                                .withName(GIT_INIT)
                                .withNewState()
                                .withNewRunning()
                                .withStartedAt(minutesAgo(1))
                                .endRunning()
                                .endState()
                                .build())
                        .endStatus()
                        .build())),
            PolecatPhase.Pending,
            "Initializing",
            false,
            "init container git-init of pod polecat-furiosa-abcde"),
        row(
            "Pending past pendingThreshold",
            observe(working, job().build(), List.of(unschedulable(11))),
            PolecatPhase.Stuck,
            "PendingTooLong",
            true,
            "pending since 2026-11-21T11:49:00Z, longer than "
                + "pendingThreshold 10m: pod polecat-furiosa-abcde cannot be scheduled"),
        row(
            "Pod running",
            observe(working, job().build(), List.of(running("abcde", 5))),
            PolecatPhase.Working,
            "Working",
            false,
            "the agent is running in pod polecat-furiosa-abcde"),
        row(
            "Pod running with recent log output",
            withLog(
                observe(working, job().build(), List.of(running("abcde", 60))),
                LogActivity.seen(NOW.minus(Duration.ofMinutes(2)))),
            PolecatPhase.Working,
            "Working",
            false,
            "running"),
        row(
            "Pod running, no log output for stuckThreshold",
            withLog(
                observe(working, job().build(), List.of(running("abcde", 60))),
                LogActivity.seen(NOW.minus(Duration.ofMinutes(16)))),
            PolecatPhase.Stuck,
            "NoLogOutput",
            true,
            "no new log output from container "
                + AGENT
                + " since "
                + "2026-11-21T11:44:00Z, longer than stuckThreshold 15m"),
        row(
            "Pod running long but log unreadable: not judged",
            observe(working, job().build(), List.of(running("abcde", 60))),
            PolecatPhase.Working,
            "Working",
            false,
            "running"),
        row(
            "Pod unknown after the agent started",
            observe(
                working,
                job().build(),
                List.of(
                    new io.fabric8.kubernetes.api.model.PodBuilder(running("abcde", 5))
                        .editStatus()
                        .withPhase("Unknown")
                        .endStatus()
                        .build())),
            PolecatPhase.Working,
            "Working",
            false,
            "phase Unknown"),
        row(
            "Pod succeeded",
            observe(
                working, job().build(), List.of(finished("abcde", "Succeeded", 0, "Completed", 1))),
            PolecatPhase.Done,
            "Completed",
            false,
            "the agent finished and exited 0"),
        row(
            "Job complete, Pod gone",
            observe(
                working,
                jobWithCondition("Complete", "CompletionsReached", null, minutesAgo(1)),
                List.of()),
            PolecatPhase.Done,
            "Completed",
            false,
            "exited 0"),
        row(
            "agent exits non-zero",
            observe(working, job().build(), List.of(finished("abcde", "Failed", 2, "Error", 1))),
            PolecatPhase.Failed,
            "ContainerFailed",
            true,
            "container " + AGENT + " exited with code 2 (Error)"),
        row(
            "agent OOM-killed, Job failed",
            observe(
                working,
                jobWithCondition(
                    "Failed",
                    "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit",
                    minutesAgo(1)),
                List.of(finished("abcde", "Failed", 137, "OOMKilled", 1))),
            PolecatPhase.Failed,
            "ContainerFailed",
            true,
            "container " + AGENT + " exited with code 137 (OOMKilled)"),
        row(
            "git-init fails first",
            observe(
                working,
                job().build(),
                List.of(
                    pod("abcde", "Failed", 3)
                        .editStatus()
                        .withInitContainerStatuses(terminated(GIT_INIT, 128, "Error", 3, 2))
                        .endStatus()
                        .build())),
            PolecatPhase.Failed,
            "ContainerFailed",
            true,
            "container git-init exited with code 128 (Error)"),
        row(
            "Job deadline exceeded",
            observe(
                working,
                jobWithCondition(
                    "Failed",
                    "DeadlineExceeded",
                    "Job was active longer than specified deadline",
                    minutesAgo(1)),
                List.of(finished("abcde", "Failed", 137, "Error", 1))),
            PolecatPhase.Failed,
            "DeadlineExceeded",
            true,
            "deadline exceeded: ran longer than activeDeadlineSeconds=3600; container "
                + AGENT
                + " exited with code 137"),
        row(
            "Pod deadline exceeded",
            observe(
                working,
                job().build(),
                List.of(
                    pod("abcde", "Failed", 61)
                        .editStatus()
                        .withReason("DeadlineExceeded")
                        .withMessage(
                            "Pod was active on the node longer than the specified " + "deadline")
                        .endStatus()
                        .build())),
            PolecatPhase.Failed,
            "DeadlineExceeded",
            true,
            "deadline exceeded: ran longer than activeDeadlineSeconds=3600"),
        row(
            "Job failed, Pods gone",
            observe(
                working,
                jobWithCondition(
                    "Failed",
                    "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit",
                    minutesAgo(1)),
                List.of()),
            PolecatPhase.Failed,
            "JobFailed",
            true,
            "Job polecat-furiosa failed: BackoffLimitExceeded: Job has reached the specified backoff limit"),
        row(
            "Pod evicted",
            observe(
                working,
                job().build(),
                List.of(
                    pod("abcde", "Failed", 5)
                        .editStatus()
                        .withReason("Evicted")
                        .withMessage("The node was low on resource: memory.")
                        .endStatus()
                        .build())),
            PolecatPhase.Failed,
            "Evicted",
            true,
            "was evicted: The node was low on resource: memory."),
        row(
            "desiredState Terminated with a running Pod",
            observe(polecat(DesiredState.Terminated), job().build(), List.of(running("abcde", 5))),
            PolecatPhase.Terminated,
            "Terminated",
            false,
            "retired (desiredState Terminated); pod polecat-furiosa-abcde still runs until its Job is removed"),
        row(
            "desiredState Terminated after the Job was pruned",
            observe(polecat(DesiredState.Terminated), null, List.of()),
            PolecatPhase.Terminated,
            "Terminated",
            false,
            "retired (desiredState Terminated)"),
        row(
            "desiredState Idle",
            observe(polecat(DesiredState.Idle), null, List.of()),
            PolecatPhase.Idle,
            "Idle",
            false,
            "idle (desiredState Idle)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phaseTable")
  void phaseTable(String name, Row row) {
    PolecatStatus status = PolecatStatuses.compute(row.in());

    assertThat(status.getPhase()).isEqualTo(row.phase());
    assertThat(status.getMessage()).contains(row.messagePart());
    assertThat(condition(status, "Ready").getReason()).isEqualTo(row.reason());
    assertThat(condition(status, "Degraded").getStatus())
        .isEqualTo(row.degraded() ? "True" : "False");
    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .containsExactly("Ready", "Progressing", "Degraded", "Succeeded");
    assertThat(status.getConditions())
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
              assertThat(Instant.parse(c.getLastTransitionTime())).isBeforeOrEqualTo(NOW);
            });
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getAssignedBead()).isEqualTo("gt-1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phaseTable")
  void recomputingAnUnchangedObservationChangesNothing(String name, Row row) {
    PolecatStatus first = PolecatStatuses.compute(row.in());

    PolecatStatus again = PolecatStatuses.compute(later(row.in(), first, Duration.ofSeconds(20)));

    assertThat(Statuses.same(first, again))
        .as(
            "status rewritten although nothing changed: %s",
            io.gastown.model.Serialization.toJson(again))
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phaseTable")
  void theOrderOfPodsAndEventsDoesNotMatter(String name, Row row) {
    List<Pod> reversed = new ArrayList<>(row.in().pods());
    Collections.reverse(reversed);
    PolecatObservation shuffled =
        new PolecatObservation(
            row.in().polecat(),
            row.in().job(),
            reversed,
            row.in().warnings(),
            row.in().settings(),
            row.in().logActivity(),
            row.in().now());

    assertThat(Statuses.same(PolecatStatuses.compute(row.in()), PolecatStatuses.compute(shuffled)))
        .isTrue();
  }

  @Test
  void workingStatusCarriesTheObservedFacts() {
    PolecatStatus status =
        PolecatStatuses.compute(
            observe(polecat(DesiredState.Working), job().build(), List.of(running("abcde", 5))));

    assertThat(status.getPodName()).isEqualTo("polecat-furiosa-abcde");
    assertThat(status.getJobName()).isEqualTo("polecat-furiosa");
    assertThat(status.getBranch())
        .as("the Pod's work branch")
        .isEqualTo(WORK_BRANCH)
        .isEqualTo("feature/gt-123");
    assertThat(status.getStartedAt()).isEqualTo("2026-11-21T11:57:00Z");
    assertThat(status.getLastActivity()).isEqualTo("2026-11-21T11:55:00Z");
    assertThat(status.getCompletedAt()).isNull();
    assertThat(condition(status, "Ready").getLastTransitionTime())
        .isEqualTo("2026-11-21T11:55:00Z");
    assertThat(condition(status, "Succeeded").getStatus()).isEqualTo("Unknown");
  }

  @Test
  void doneRecordsWhenTheAgentFinished() {
    PolecatStatus status =
        PolecatStatuses.compute(
            observe(
                polecat(DesiredState.Working),
                job().build(),
                List.of(finished("abcde", "Succeeded", 0, "Completed", 3))));

    assertThat(status.getCompletedAt()).isEqualTo("2026-11-21T11:57:00Z");
    assertThat(condition(status, "Succeeded").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Succeeded").getLastTransitionTime())
        .isEqualTo("2026-11-21T11:57:00Z");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
  }

  @Test
  void branchFallsBackToTheWebhookRuleWithoutAPod() {
    Polecat polecat = polecat(DesiredState.Working);
    assertThat(PolecatStatuses.compute(observe(polecat, null, List.of())).getBranch())
        .isEqualTo("feature/gt-1");

    polecat.getSpec().setBeadID(null);
    assertThat(PolecatStatuses.compute(observe(polecat, null, List.of())).getBranch())
        .isEqualTo("polecat/furiosa");

    polecat.getSpec().setKubernetes(new io.gastown.model.KubernetesSpec());
    polecat.getSpec().getKubernetes().setWorkBranch("fix/typo");
    assertThat(PolecatStatuses.compute(observe(polecat, null, List.of())).getBranch())
        .isEqualTo("fix/typo");
  }

  @Test
  void lastTransitionTimeIsKeptWhileAConditionKeepsItsStatus() {
    Polecat polecat = polecat(DesiredState.Working);
    PolecatStatus pending =
        PolecatStatuses.compute(
            observe(polecat, job().build(), List.of(pod("abcde", "Pending", 1).build())));
    withStatus(polecat, pending);

    PolecatStatus unschedulable =
        PolecatStatuses.compute(
            new PolecatObservation(
                polecat,
                job().build(),
                List.of(unschedulable(1)),
                List.of(),
                WitnessSettings.DEFAULTS,
                LogActivity.unknown(),
                NOW.plusSeconds(40)));

    assertThat(condition(unschedulable, "Ready").getReason()).isEqualTo("Unschedulable");
    assertThat(condition(unschedulable, "Ready").getLastTransitionTime())
        .isEqualTo(condition(pending, "Ready").getLastTransitionTime());
    assertThat(condition(unschedulable, "Degraded").getStatus()).isEqualTo("True");
    assertThat(condition(unschedulable, "Degraded").getLastTransitionTime())
        .isEqualTo("2026-11-21T12:00:40Z");
  }

  @Test
  void podDeletedUnderARunningPolecatIsPendingThenStuck() {
    Polecat polecat = polecat(DesiredState.Working);
    withStatus(
        polecat,
        PolecatStatuses.compute(observe(polecat, job().build(), List.of(running("abcde", 5)))));

    PolecatStatus gone = PolecatStatuses.compute(observe(polecat, job().build(), List.of()));

    assertThat(gone.getPhase()).isEqualTo(PolecatPhase.Pending);
    assertThat(condition(gone, "Ready").getReason()).isEqualTo("PodMissing");
    assertThat(gone.getMessage())
        .isEqualTo("the pod is gone; waiting for Job polecat-furiosa to replace it or to fail");
    assertThat(gone.getPodName()).isNull();
    assertThat(gone.getStartedAt()).isEqualTo("2026-11-21T11:57:00Z");
    assertThat(condition(gone, "Ready").getLastTransitionTime()).isEqualTo("2026-11-21T12:00:00Z");

    withStatus(polecat, gone);
    PolecatStatus stillGone =
        PolecatStatuses.compute(
            new PolecatObservation(
                polecat,
                job().build(),
                List.of(),
                List.of(),
                WitnessSettings.DEFAULTS,
                LogActivity.unknown(),
                NOW.plus(Duration.ofMinutes(5))));
    assertThat(Statuses.same(gone, stillGone)).isTrue();

    PolecatStatus stuck =
        PolecatStatuses.compute(
            new PolecatObservation(
                polecat,
                job().build(),
                List.of(),
                List.of(),
                WitnessSettings.DEFAULTS,
                LogActivity.unknown(),
                NOW.plus(Duration.ofMinutes(11))));
    assertThat(stuck.getPhase()).isEqualTo(PolecatPhase.Stuck);
    assertThat(stuck.getMessage())
        .isEqualTo(
            "pending since 2026-11-21T12:00:00Z, longer than pendingThreshold 10m: "
                + "the pod is gone; waiting for Job polecat-furiosa to replace it or to fail");
  }

  @Test
  void aPodBeingDeletedIsReportedButStillWorking() {
    Pod deleting =
        new io.fabric8.kubernetes.api.model.PodBuilder(running("abcde", 5))
            .editMetadata()
            .withDeletionTimestamp(minutesAgo(0))
            .endMetadata()
            .build();

    PolecatStatus status =
        PolecatStatuses.compute(
            observe(polecat(DesiredState.Working), job().build(), List.of(deleting)));

    assertThat(status.getPhase()).isEqualTo(PolecatPhase.Working);
    assertThat(status.getMessage()).endsWith("polecat-furiosa-abcde, which is being deleted");
  }

  @Test
  void twoPodsForOneJobTheNewestThatIsNotBeingDeletedSpeaks() {
    Pod oldFailed = finished("aaaaa", "Failed", 1, "Error", 4);
    Pod replacement = running("bbbbb", 1);

    for (List<Pod> pods :
        List.of(List.of(oldFailed, replacement), List.of(replacement, oldFailed))) {
      PolecatStatus status =
          PolecatStatuses.compute(observe(polecat(DesiredState.Working), job().build(), pods));
      assertThat(status.getPhase()).isEqualTo(PolecatPhase.Working);
      assertThat(status.getPodName()).isEqualTo("polecat-furiosa-bbbbb");
    }

    Pod terminatingButNewer =
        new io.fabric8.kubernetes.api.model.PodBuilder(running("ccccc", 0))
            .editMetadata()
            .withDeletionTimestamp(minutesAgo(0))
            .endMetadata()
            .build();
    Pod pendingReplacement = pod("ddddd", "Pending", 1).build();
    PolecatStatus status =
        PolecatStatuses.compute(
            observe(
                polecat(DesiredState.Working),
                job().build(),
                List.of(terminatingButNewer, pendingReplacement)));
    assertThat(status.getPodName()).isEqualTo("polecat-furiosa-ddddd");
    assertThat(status.getPhase()).isEqualTo(PolecatPhase.Pending);
  }

  @Test
  void aJobWithoutPodEndsFailedWithThePodsLastWordsOnceThePodIsGone() {
    Polecat polecat = polecat(DesiredState.Working);
    Job failedJob =
        jobWithCondition(
            "Failed",
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit",
            minutesAgo(1));
    withStatus(
        polecat,
        PolecatStatuses.compute(
            observe(polecat, failedJob, List.of(finished("abcde", "Failed", 3, "Error", 1)))));

    PolecatStatus afterGc = PolecatStatuses.compute(observe(polecat, failedJob, List.of()));

    assertThat(afterGc.getPhase()).isEqualTo(PolecatPhase.Failed);
    assertThat(afterGc.getMessage())
        .isEqualTo("container " + AGENT + " exited with code 3 (Error)");
    assertThat(afterGc.getCompletedAt()).isEqualTo("2026-11-21T11:59:00Z");
    assertThat(afterGc.getPodName()).isNull();
  }

  @Test
  void aFinishedPolecatStaysFinishedWhenItsJobIsPruned() {
    for (Pod last :
        List.of(
            finished("abcde", "Succeeded", 0, "Completed", 2),
            finished("abcde", "Failed", 4, "Error", 2))) {
      Polecat polecat = polecat(DesiredState.Working);
      PolecatStatus finished =
          PolecatStatuses.compute(observe(polecat, job().build(), List.of(last)));
      withStatus(polecat, finished);

      PolecatStatus pruned =
          PolecatStatuses.compute(
              new PolecatObservation(
                  polecat,
                  null,
                  List.of(),
                  List.of(),
                  WitnessSettings.DEFAULTS,
                  LogActivity.unknown(),
                  NOW.plus(Duration.ofMinutes(30))));

      assertThat(pruned.getPhase()).isEqualTo(finished.getPhase());
      assertThat(pruned.getMessage()).isEqualTo(finished.getMessage());
      assertThat(pruned.getCompletedAt()).isEqualTo("2026-11-21T11:58:00Z");
      assertThat(pruned.getConditions()).isEqualTo(finished.getConditions());
      assertThat(pruned.getJobName()).isNull();
      assertThat(pruned.getPodName()).isNull();
    }
  }

  @Test
  void aClockAheadOfOursNeverMakesNegativeAgesOrFutureTransitions() {
    Instant ahead = NOW.plus(Duration.ofMinutes(7));
    Job job =
        job()
            .editMetadata()
            .withCreationTimestamp(Timestamps.format(ahead))
            .endMetadata()
            .editStatus()
            .withStartTime(Timestamps.format(ahead))
            .endStatus()
            .build();
    Pod pod =
        pod("abcde", "Pending", 0)
            .editMetadata()
            .withCreationTimestamp(Timestamps.format(ahead))
            .endMetadata()
            .build();
    Polecat polecat = polecat(DesiredState.Working);

    PolecatStatus pending = PolecatStatuses.compute(observe(polecat, job, List.of(pod)));
    assertThat(pending.getPhase()).isEqualTo(PolecatPhase.Pending);
    assertThat(pending.getConditions())
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-21T12:00:00Z"));

    Pod runningAhead =
        new io.fabric8.kubernetes.api.model.PodBuilder(running("abcde", 0))
            .editStatus()
            .editFirstContainerStatus()
            .editState()
            .editRunning()
            .withStartedAt(Timestamps.format(ahead))
            .endRunning()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    PolecatStatus working =
        PolecatStatuses.compute(
            new PolecatObservation(
                polecat,
                job,
                List.of(runningAhead),
                List.of(),
                WitnessSettings.DEFAULTS,
                LogActivity.seen(ahead.plusSeconds(30)),
                NOW));
    assertThat(working.getPhase()).isEqualTo(PolecatPhase.Working);
    assertThat(working.getLastActivity()).isEqualTo("2026-11-21T12:07:30Z");
    assertThat(condition(working, "Ready").getLastTransitionTime())
        .isEqualTo("2026-11-21T12:00:00Z");
  }

  @Test
  void aClockBehindOursStillJudgesByThresholdsOnly() {
    Polecat polecat = polecat(DesiredState.Working);
    PolecatStatus status =
        PolecatStatuses.compute(
            withLog(
                observe(polecat, job().build(), List.of(running("abcde", 14))),
                LogActivity.seen(NOW.minus(Duration.ofMinutes(14)))));
    assertThat(status.getPhase()).isEqualTo(PolecatPhase.Working);
  }

  @Test
  void stuckPolecatRecoversWhenNewOutputAppears() {
    Polecat polecat = polecat(DesiredState.Working);
    PolecatObservation silent =
        withLog(
            observe(polecat, job().build(), List.of(running("abcde", 60))),
            LogActivity.seen(NOW.minus(Duration.ofMinutes(20))));
    PolecatStatus stuck = PolecatStatuses.compute(silent);
    assertThat(stuck.getPhase()).isEqualTo(PolecatPhase.Stuck);
    assertThat(condition(stuck, "Ready").getLastTransitionTime()).isEqualTo("2026-11-21T11:55:00Z");
    withStatus(polecat, stuck);

    PolecatStatus recovered =
        PolecatStatuses.compute(
            new PolecatObservation(
                polecat,
                job().build(),
                List.of(running("abcde", 60)),
                List.of(),
                WitnessSettings.DEFAULTS,
                LogActivity.seen(NOW.plusSeconds(20)),
                NOW.plusSeconds(30)));

    assertThat(recovered.getPhase()).isEqualTo(PolecatPhase.Working);
    assertThat(recovered.getLastActivity()).isEqualTo("2026-11-21T12:00:20Z");
    assertThat(condition(recovered, "Ready").getLastTransitionTime())
        .isEqualTo("2026-11-21T12:00:20Z");
  }

  @Test
  void aRestartedReporterKeepsAStuckPolecatStuckUntilItsFirstLogProbe() {
    Polecat polecat = polecat(DesiredState.Working);
    PolecatStatus stuck =
        PolecatStatuses.compute(
            withLog(
                observe(polecat, job().build(), List.of(running("abcde", 60))),
                LogActivity.seen(NOW.minus(Duration.ofMinutes(20)))));
    withStatus(polecat, stuck);

    PolecatStatus afterRestart =
        PolecatStatuses.compute(
            new PolecatObservation(
                polecat,
                job().build(),
                List.of(running("abcde", 60)),
                List.of(),
                WitnessSettings.DEFAULTS,
                LogActivity.unknown(),
                NOW.plusSeconds(5)));

    assertThat(Statuses.same(stuck, afterRestart)).isTrue();
  }

  @Test
  void witnessThresholdsApply() {
    WitnessSettings strict =
        new WitnessSettings(
            Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofSeconds(30), List.of());
    PolecatObservation in =
        new PolecatObservation(
            polecat(DesiredState.Working),
            job().build(),
            List.of(unschedulable(1)),
            List.of(),
            strict,
            LogActivity.unknown(),
            NOW);

    PolecatStatus status = PolecatStatuses.compute(in);

    assertThat(status.getPhase()).isEqualTo(PolecatPhase.Stuck);
    assertThat(status.getMessage())
        .startsWith("pending since 2026-11-21T11:59:00Z, longer than pendingThreshold 30s");
  }

  @Test
  void aRestartedReporterComputesTheSameStatusFromScratch() {
    Polecat polecat = polecat(DesiredState.Working);
    PolecatObservation in =
        observe(polecat, job().build(), List.of(finished("abcde", "Succeeded", 0, "Completed", 2)));
    PolecatStatus first = PolecatStatuses.compute(in);
    withStatus(polecat, first);

    PolecatStatus afterRestart = PolecatStatuses.compute(later(in, first, Duration.ofMinutes(30)));

    assertThat(Statuses.same(first, afterRestart)).isTrue();
  }

  static Condition condition(PolecatStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private static Arguments row(
      String name,
      PolecatObservation in,
      PolecatPhase phase,
      String reason,
      boolean degraded,
      String messagePart) {
    return Arguments.of(name, new Row(in, phase, reason, degraded, messagePart));
  }

  /** The Job controller's event when the webhook holds the Pod back for want of a slot. */
  private static ObservedEvent slotEvent() {
    return new ObservedEvent(
        JOB_UID,
        "FailedCreate",
        "Error creating: admission webhook \"pods.gastown.gastown.io\" "
            + "denied the request: waiting for a slot: rig demo allows 2 polecats at once (spec.settings.maxPolecats); 2 "
            + "are running: ace, nux; the Job controller creates the Pod again, and it is admitted once one of them "
            + "finishes",
        NOW.minusSeconds(5));
  }

  private static PolecatObservation withWarnings(PolecatObservation in, ObservedEvent... events) {
    return new PolecatObservation(
        in.polecat(),
        in.job(),
        in.pods(),
        List.of(events),
        in.settings(),
        in.logActivity(),
        in.now());
  }

  private static PolecatObservation withLog(PolecatObservation in, LogActivity activity) {
    return new PolecatObservation(
        in.polecat(), in.job(), in.pods(), in.warnings(), in.settings(), activity, in.now());
  }

  /** The same observation a little later, with the status computed before stored on the Polecat. */
  private static PolecatObservation later(
      PolecatObservation in, PolecatStatus stored, Duration after) {
    Polecat copy = polecat(in.polecat().getSpec().getDesiredState());
    copy.setSpec(in.polecat().getSpec());
    copy.setStatus(stored);
    return new PolecatObservation(
        copy,
        in.job(),
        in.pods(),
        in.warnings(),
        in.settings(),
        in.logActivity(),
        in.now().plus(after));
  }
}
