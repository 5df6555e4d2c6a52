package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.gastown.model.DesiredState;
import io.gastown.model.Durations;
import io.gastown.model.MergeResult;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatSpec;
import io.gastown.model.PolecatStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A polecat's status from what is observed of it: its Job, its Pods, Warning events, the log probe
 * and the rig's Witness settings. Pure and deterministic: the same observation and clock give the
 * same status.
 *
 * <p>The phase table (desiredState Working; Idle and Terminated win over everything):
 *
 * <pre>
 *  Job Failed / FailureTarget, or Pod Failed        Failed   (DeadlineExceeded, ContainerFailed, Evicted, JobFailed)
 *  Job Complete / SuccessCriteriaMet, or Pod Succeeded  Done
 *  Pod Running, new log output within stuckThreshold    Working
 *  Pod Running, no new log output for stuckThreshold    Stuck    (NoLogOutput)
 *  Pod Pending / Job without Pod / no Job               Pending  (Unschedulable, ImagePullError, ...)
 *    ... for longer than pendingThreshold               Stuck    (PendingTooLong)
 *  Job without Pod, the webhook waits for a free slot   Pending  (WaitingForSlot; never Stuck: a convoy's
 *                                                                 queue may wait long and nothing is wrong)
 *  Pod Unknown                                          Working if the agent had started, else Pending
 * </pre>
 */
public final class PolecatStatuses {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String SUCCEEDED = "Succeeded";

  public static final String WORKING = "Working";
  public static final String COMPLETED = "Completed";
  public static final String STUCK_PENDING = "PendingTooLong";
  public static final String STUCK_SILENT = "NoLogOutput";
  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
  public static final String CONTAINER_FAILED = "ContainerFailed";
  public static final String EVICTED = "Evicted";
  public static final String JOB_FAILED = "JobFailed";
  public static final String AS_EXPECTED = "AsExpected";
  public static final String NOT_FINISHED = "NotFinished";

  private static final Set<PolecatPhase> RAN =
      java.util.EnumSet.of(PolecatPhase.Working, PolecatPhase.Stuck);

  private PolecatStatuses() {}

  public static PolecatStatus compute(PolecatObservation in) {
    Polecat polecat = in.polecat();
    PolecatSpec spec = polecat.getSpec() != null ? polecat.getSpec() : new PolecatSpec();
    PolecatStatus previous =
        polecat.getStatus() != null ? polecat.getStatus() : new PolecatStatus();
    Pod pod = PodFacts.current(in.pods());
    Job job = in.job();

    DesiredState desired =
        spec.getDesiredState() != null ? spec.getDesiredState() : DesiredState.Working;
    Verdict verdict =
        switch (desired) {
          case Terminated -> retired(PolecatPhase.Terminated, "Terminated", pod);
          case Idle -> retired(PolecatPhase.Idle, "Idle", pod);
          case Working -> working(in, pod, job, previous);
        };

    PolecatStatus status = new PolecatStatus();
    status.setPhase(verdict.phase());
    status.setMessage(verdict.message());
    status.setPodName(pod != null ? pod.getMetadata().getName() : null);
    status.setJobName(job != null ? job.getMetadata().getName() : null);
    status.setBranch(branch(polecat, spec, pod, previous));
    status.setAssignedBead(spec.getBeadID());
    status.setStartedAt(Timestamps.format(startedAt(job, pod, previous)));
    status.setCompletedAt(Timestamps.format(completedAt(verdict, previous)));
    status.setLastActivity(Timestamps.format(lastActivity(pod, in.logActivity(), previous)));
    status.setObservedGeneration(polecat.getMetadata().getGeneration());
    List<Condition> conditions =
        new ArrayList<>(
            conditions(
                verdict,
                previous.getConditions(),
                polecat.getMetadata().getGeneration(),
                in.now()));
    merged(polecat, in.mergeRuns(), previous.getConditions(), in.now()).ifPresent(conditions::add);
    status.setConditions(List.copyOf(conditions));
    return status;
  }

  private static Verdict retired(PolecatPhase phase, String reason, Pod pod) {
    String message =
        phase == PolecatPhase.Terminated
            ? "retired (desiredState Terminated)"
            : "idle (desiredState Idle)";
    if (pod != null
        && !PodFacts.isDeleting(pod)
        && Set.of("Pending", "Running").contains(PodFacts.phase(pod))) {
      message += "; pod " + pod.getMetadata().getName() + " still runs until its Job is removed";
    }
    return Verdict.of(phase, reason, message, null);
  }

  private static Verdict working(PolecatObservation in, Pod pod, Job job, PolecatStatus previous) {
    JobCondition failed = jobCondition(job, "Failed", "FailureTarget");
    if (failed != null) {
      return failed(pod, job, failed, previous, in.now());
    }
    if (jobCondition(job, "Complete", "SuccessCriteriaMet") != null) {
      return done(pod, job, previous, in.now());
    }
    if (pod != null) {
      switch (PodFacts.phase(pod)) {
        case "Succeeded":
          return done(pod, job, previous, in.now());
        case "Failed":
          return failed(pod, job, null, previous, in.now());
        case "Running":
          return running(in, pod, previous);
        case "Unknown":
          if (PodFacts.agentStartedAt(pod) != null) {
            return Verdict.of(
                PolecatPhase.Working,
                WORKING,
                "pod "
                    + pod.getMetadata().getName()
                    + " is in phase Unknown: its node stopped reporting",
                PodFacts.agentStartedAt(pod));
          }
          return pendingOrStuck(
              in,
              Verdict.of(
                  PolecatPhase.Pending,
                  PendingReasons.POD_UNKNOWN,
                  "pod "
                      + pod.getMetadata().getName()
                      + " is in phase Unknown: its node stopped reporting",
                  null),
              pod,
              job);
        default:
          return pendingOrStuck(in, PendingReasons.forPod(pod, in.warnings()), pod, job);
      }
    }
    String jobName = PodContract.jobName(in.polecat().getMetadata().getName());
    if (job != null) {
      boolean suspended = job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend());
      Condition ready = ConditionSet.find(previous.getConditions(), READY);
      boolean podLost =
          RAN.contains(previous.getPhase())
              || previous.getPhase() == PolecatPhase.Pending
                  && ready != null
                  && PendingReasons.POD_MISSING.equals(ready.getReason());
      return pendingOrStuck(
          in,
          PendingReasons.forJobWithoutPod(
              job.getMetadata().getName(),
              job.getMetadata().getUid(),
              suspended,
              in.warnings(),
              podLost),
          null,
          job);
    }
    if (previous.getPhase() == PolecatPhase.Done || previous.getPhase() == PolecatPhase.Failed) {
      // The run ended and its Job is gone since (pruned, cleaned up): that does not undo how it
      // ended.
      return finishedBefore(previous);
    }
    return pendingOrStuck(
        in,
        PendingReasons.forMissingJob(jobName, in.polecat().getMetadata().getNamespace()),
        null,
        null);
  }

  private static Verdict finishedBefore(PolecatStatus previous) {
    Condition ready = ConditionSet.find(previous.getConditions(), READY);
    Instant completed = Timestamps.parse(previous.getCompletedAt());
    if (previous.getPhase() == PolecatPhase.Done) {
      return Verdict.of(PolecatPhase.Done, COMPLETED, previous.getMessage(), completed);
    }
    return Verdict.problem(
        PolecatPhase.Failed,
        ready != null ? ready.getReason() : JOB_FAILED,
        previous.getMessage(),
        completed);
  }

  private static Verdict running(PolecatObservation in, Pod pod, PolecatStatus previous) {
    Instant startedAt = PodFacts.agentStartedAt(pod);
    Instant activity = lastActivity(pod, in.logActivity(), previous);
    String container = PodFacts.agentContainerName(pod);
    // Without a readable log there is no new evidence: a polecat judged silent before (e.g. by the
    // reporter before
    // a restart, whose probe has not run yet) stays so; otherwise inactivity is not judged.
    Condition ready = ConditionSet.find(previous.getConditions(), READY);
    boolean judged =
        in.logActivity().readable()
            || previous.getPhase() == PolecatPhase.Stuck
                && ready != null
                && STUCK_SILENT.equals(ready.getReason());
    if (judged
        && activity != null
        && Timestamps.elapsed(activity, in.now()).compareTo(in.settings().stuckThreshold()) > 0) {
      return Verdict.problem(
          PolecatPhase.Stuck,
          STUCK_SILENT,
          "no new log output from container "
              + container
              + " since "
              + Timestamps.format(activity)
              + ", longer than stuckThreshold "
              + Durations.format(in.settings().stuckThreshold()),
          activity.plus(in.settings().stuckThreshold()));
    }
    String message = "the agent is running in pod " + pod.getMetadata().getName();
    if (PodFacts.isDeleting(pod)) {
      message += ", which is being deleted";
    }
    // Back from Stuck, the work resumed with the new output; otherwise it began when the agent
    // started.
    Instant since = previous.getPhase() == PolecatPhase.Stuck ? activity : startedAt;
    return Verdict.of(PolecatPhase.Working, WORKING, message, since);
  }

  private static Verdict pendingOrStuck(PolecatObservation in, Verdict pending, Pod pod, Job job) {
    Instant since = pendingSince(in, pod, job);
    boolean queued = PendingReasons.WAITING_FOR_SLOT.equals(pending.reason());
    if (!queued
        && Timestamps.elapsed(since, in.now()).compareTo(in.settings().pendingThreshold()) > 0) {
      return Verdict.problem(
              PolecatPhase.Stuck,
              STUCK_PENDING,
              "pending since "
                  + Timestamps.format(since)
                  + ", longer than pendingThreshold "
                  + Durations.format(in.settings().pendingThreshold())
                  + ": "
                  + pending.message(),
              since.plus(in.settings().pendingThreshold()))
          .withReadySince(since);
    }
    return pending.withSince(since);
  }

  /**
   * When the current pending period began. A period already recorded (the Ready condition turned
   * False when it began) goes on; a polecat that was running starts one now; otherwise it began
   * when the newest of Pod, Job and Polecat was created.
   */
  private static Instant pendingSince(PolecatObservation in, Pod pod, Job job) {
    Polecat polecat = in.polecat();
    PolecatStatus previous =
        polecat.getStatus() != null ? polecat.getStatus() : new PolecatStatus();
    PolecatPhase before = previous.getPhase();
    Condition ready = ConditionSet.find(previous.getConditions(), READY);
    boolean wasPending =
        before == PolecatPhase.Pending
            || before == PolecatPhase.Stuck
                && ready != null
                && STUCK_PENDING.equals(ready.getReason());
    Instant since = null;
    if (wasPending && ready != null && ConditionSet.FALSE.equals(ready.getStatus())) {
      since = Timestamps.parse(ready.getLastTransitionTime());
    } else if (RAN.contains(before)
        || before == PolecatPhase.Idle
        || before == PolecatPhase.Terminated) {
      since = in.now();
    }
    if (since == null && pod != null) {
      since = PodFacts.created(pod);
    }
    if (since == null && job != null) {
      since = PodFacts.created(job);
    }
    if (since == null) {
      since = PodFacts.created(polecat);
    }
    if (ready != null && ConditionSet.TRUE.equals(ready.getStatus())) {
      // Ready until now: the pending period cannot have begun before Ready last turned True.
      since = Timestamps.latest(since, Timestamps.parse(ready.getLastTransitionTime()));
    }
    return since == null || since.isAfter(in.now()) ? in.now() : since;
  }

  private static Verdict done(Pod pod, Job job, PolecatStatus previous, Instant now) {
    return Verdict.of(
        PolecatPhase.Done,
        COMPLETED,
        "the agent finished and exited 0",
        finishedAt(PolecatPhase.Done, pod, job, previous, now));
  }

  private static Verdict failed(
      Pod pod, Job job, JobCondition jobFailed, PolecatStatus previous, Instant now) {
    Instant at = finishedAt(PolecatPhase.Failed, pod, job, previous, now);
    Condition previousReady = ConditionSet.find(previous.getConditions(), READY);
    if (pod == null
        && previous.getPhase() == PolecatPhase.Failed
        && previous.getMessage() != null
        && previousReady != null) {
      // The Pod is gone (garbage-collected): what it showed when it failed is still the best
      // explanation.
      return Verdict.problem(
          PolecatPhase.Failed, previousReady.getReason(), previous.getMessage(), at);
    }
    String container = containerFailure(pod);
    boolean deadline =
        jobFailed != null && DEADLINE_EXCEEDED.equals(jobFailed.getReason())
            || pod != null && DEADLINE_EXCEEDED.equals(PodFacts.statusReason(pod));
    if (deadline) {
      Long seconds = deadlineSeconds(pod, job);
      return Verdict.problem(
          PolecatPhase.Failed,
          DEADLINE_EXCEEDED,
          "deadline exceeded: ran longer than "
              + "activeDeadlineSeconds"
              + (seconds != null ? "=" + seconds : "")
              + (container != null ? "; " + container : ""),
          at);
    }
    if (pod != null && EVICTED.equals(PodFacts.statusReason(pod))) {
      return Verdict.problem(
          PolecatPhase.Failed,
          EVICTED,
          "pod "
              + pod.getMetadata().getName()
              + " was evicted: "
              + PendingReasons.clip(PodFacts.statusMessage(pod)),
          at);
    }
    if (container != null) {
      return Verdict.problem(PolecatPhase.Failed, CONTAINER_FAILED, container, at);
    }
    if (jobFailed != null) {
      return Verdict.problem(
          PolecatPhase.Failed,
          JOB_FAILED,
          "Job "
              + job.getMetadata().getName()
              + " failed: "
              + jobFailed.getReason()
              + (jobFailed.getMessage() != null
                  ? ": " + PendingReasons.clip(jobFailed.getMessage())
                  : ""),
          at);
    }
    String podMessage = pod != null ? PendingReasons.clip(PodFacts.statusMessage(pod)) : null;
    return Verdict.problem(
        PolecatPhase.Failed,
        JOB_FAILED,
        "pod "
            + (pod != null ? pod.getMetadata().getName() : "")
            + " failed"
            + (podMessage != null ? ": " + podMessage : ""),
        at);
  }

  /** "container agent exited with code 2 (Error)", or null when no container exited non-zero. */
  private static String containerFailure(Pod pod) {
    ContainerStatus failed = pod != null ? PodFacts.firstFailedContainer(pod) : null;
    if (failed == null) {
      return null;
    }
    ContainerStateTerminated terminated = failed.getState().getTerminated();
    String detail = PendingReasons.clip(terminated.getMessage());
    return "container "
        + failed.getName()
        + " exited with code "
        + terminated.getExitCode()
        + (terminated.getReason() != null ? " (" + terminated.getReason() + ")" : "")
        + (detail != null && !detail.isEmpty() ? ": " + detail : "");
  }

  private static Long deadlineSeconds(Pod pod, Job job) {
    if (pod != null && pod.getSpec() != null && pod.getSpec().getActiveDeadlineSeconds() != null) {
      return pod.getSpec().getActiveDeadlineSeconds();
    }
    return job != null && job.getSpec() != null ? job.getSpec().getActiveDeadlineSeconds() : null;
  }

  /** When a finished run ended: kept once recorded, else from the containers, the Job, or now. */
  private static Instant finishedAt(
      PolecatPhase phase, Pod pod, Job job, PolecatStatus previous, Instant now) {
    if (previous.getPhase() == phase && Timestamps.parse(previous.getCompletedAt()) != null) {
      return Timestamps.parse(previous.getCompletedAt());
    }
    Instant at = pod != null ? PodFacts.finishedAt(pod) : null;
    if (at == null && job != null && job.getStatus() != null) {
      at = Timestamps.parse(job.getStatus().getCompletionTime());
    }
    if (at == null) {
      JobCondition terminal =
          jobCondition(
              job,
              phase == PolecatPhase.Done ? "Complete" : "Failed",
              phase == PolecatPhase.Done ? "SuccessCriteriaMet" : "FailureTarget");
      at = terminal != null ? Timestamps.parse(terminal.getLastTransitionTime()) : null;
    }
    return at != null ? at : now;
  }

  private static JobCondition jobCondition(Job job, String... types) {
    if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    List<String> wanted = List.of(types);
    return job.getStatus().getConditions().stream()
        .filter(c -> wanted.contains(c.getType()) && "True".equals(c.getStatus()))
        .min((a, b) -> Integer.compare(wanted.indexOf(a.getType()), wanted.indexOf(b.getType())))
        .orElse(null);
  }

  private static String branch(Polecat polecat, PolecatSpec spec, Pod pod, PolecatStatus previous) {
    String fromPod = PodFacts.workBranch(pod);
    if (fromPod != null) {
      return fromPod;
    }
    if (previous.getBranch() != null) {
      return previous.getBranch();
    }
    // The expansion's rule, from the pod contract.
    return PodContract.workBranch(
        spec.getKubernetes() != null ? spec.getKubernetes().getWorkBranch() : null,
        spec.getBeadID(),
        polecat.getMetadata().getName());
  }

  private static Instant startedAt(Job job, Pod pod, PolecatStatus previous) {
    Instant jobStart =
        job != null && job.getStatus() != null
            ? Timestamps.parse(job.getStatus().getStartTime())
            : null;
    if (jobStart != null) {
      return jobStart;
    }
    Instant podStart = pod != null ? PodFacts.startTime(pod) : null;
    return podStart != null ? podStart : Timestamps.parse(previous.getStartedAt());
  }

  private static Instant completedAt(Verdict verdict, PolecatStatus previous) {
    return switch (verdict.phase()) {
      case Done, Failed ->
          verdict.since() != null ? verdict.since() : Timestamps.parse(previous.getCompletedAt());
      case Idle, Terminated -> Timestamps.parse(previous.getCompletedAt());
      default -> null;
    };
  }

  private static Instant lastActivity(Pod pod, LogActivity log, PolecatStatus previous) {
    Instant activity =
        Timestamps.latest(Timestamps.parse(previous.getLastActivity()), log.lastOutput());
    if (pod != null) {
      activity = Timestamps.latest(activity, PodFacts.agentStartedAt(pod));
      activity = Timestamps.latest(activity, PodFacts.finishedAt(pod));
    }
    return activity;
  }

  /**
   * The {@value MergeResult#CONDITION} condition: what the newest merge run that decided on the
   * polecat's branch decided, else the previous one (the run's Pod may be gone by now).
   */
  private static Optional<Condition> merged(
      Polecat polecat, List<Pod> mergeRuns, List<Condition> previous, Instant now) {
    String name = polecat.getMetadata().getName();
    Optional<MergeRuns.Decision> decision = MergeRuns.decisionFor(name, mergeRuns);
    if (decision.isEmpty()) {
      return Optional.ofNullable(ConditionSet.find(previous, MergeResult.CONDITION));
    }
    MergeRuns.Decision d = decision.get();
    return Optional.of(
        new ConditionSet(previous, polecat.getMetadata().getGeneration(), now)
            .set(
                MergeResult.CONDITION,
                d.result().landed() ? ConditionSet.TRUE : ConditionSet.FALSE,
                d.result().conditionReason(),
                d.message(),
                d.at())
            .build()
            .get(0));
  }

  private static List<Condition> conditions(
      Verdict v, List<Condition> previous, Long generation, Instant now) {
    ConditionSet set = new ConditionSet(previous, generation, now);
    String phase = v.phase().name();
    switch (v.phase()) {
      case Pending ->
          set.set(READY, ConditionSet.FALSE, v.reason(), v.message(), v.since())
              .set(PROGRESSING, ConditionSet.TRUE, phase, v.message(), v.since())
              // When the problem began is not known (the pending period may have started fine):
              // now.
              .set(
                  DEGRADED,
                  v.problem() ? ConditionSet.TRUE : ConditionSet.FALSE,
                  v.problem() ? v.reason() : AS_EXPECTED,
                  v.problem() ? v.message() : "no problem seen",
                  null)
              .set(
                  SUCCEEDED,
                  ConditionSet.UNKNOWN,
                  NOT_FINISHED,
                  "the agent has not finished",
                  v.since());
      case Working ->
          set.set(READY, ConditionSet.TRUE, v.reason(), v.message(), v.since())
              .set(PROGRESSING, ConditionSet.TRUE, v.reason(), v.message(), v.since())
              .set(DEGRADED, ConditionSet.FALSE, AS_EXPECTED, "no problem seen", v.since())
              .set(
                  SUCCEEDED,
                  ConditionSet.UNKNOWN,
                  NOT_FINISHED,
                  "the agent has not finished",
                  v.since());
      case Done ->
          set.set(READY, ConditionSet.TRUE, v.reason(), v.message(), v.since())
              .set(PROGRESSING, ConditionSet.FALSE, v.reason(), v.message(), v.since())
              .set(DEGRADED, ConditionSet.FALSE, AS_EXPECTED, "no problem seen", v.since())
              .set(SUCCEEDED, ConditionSet.TRUE, v.reason(), v.message(), v.since());
      case Failed ->
          set.set(READY, ConditionSet.FALSE, v.reason(), v.message(), v.since())
              .set(PROGRESSING, ConditionSet.FALSE, v.reason(), v.message(), v.since())
              .set(DEGRADED, ConditionSet.TRUE, v.reason(), v.message(), v.since())
              .set(SUCCEEDED, ConditionSet.FALSE, v.reason(), v.message(), v.since());
      case Stuck ->
          set.set(READY, ConditionSet.FALSE, v.reason(), v.message(), v.readySince())
              .set(PROGRESSING, ConditionSet.FALSE, v.reason(), v.message(), v.since())
              .set(DEGRADED, ConditionSet.TRUE, v.reason(), v.message(), v.since())
              .set(
                  SUCCEEDED,
                  ConditionSet.UNKNOWN,
                  NOT_FINISHED,
                  "the agent has not finished",
                  v.since());
      case Idle, Terminated ->
          set.set(READY, ConditionSet.TRUE, v.reason(), v.message(), v.since())
              .set(PROGRESSING, ConditionSet.FALSE, v.reason(), v.message(), v.since())
              .set(DEGRADED, ConditionSet.FALSE, AS_EXPECTED, "no problem seen", v.since())
              .set(SUCCEEDED, ConditionSet.UNKNOWN, phase, v.message(), v.since());
      default -> throw new IllegalStateException("unhandled phase " + phase);
    }
    return set.build();
  }
}
