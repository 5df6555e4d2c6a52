package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.expand.RefineryQueue;
import io.gastown.model.Convoy;
import io.gastown.model.MergeResult;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.RefineryFailure;
import io.gastown.model.RefineryPhase;
import io.gastown.model.RefineryRun;
import io.gastown.model.RefineryStatus;
import io.gastown.model.Rig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Refinery's status from its merge runs' Pods and the rig's polecats. Pure. The queue length is
 * the queue the next run would get ({@link RefineryQueue}); the phase, the last run and its
 * failures come from the newest run; the last merge from the newest run that merged something. What
 * the Pods no longer show (the CronJob keeps only its last few Jobs) is kept from the previous
 * status.
 *
 * <pre>
 *  newest run Pending or Running      Processing  (currentMerge: the branches it was given)
 *  newest run Succeeded               Idle        (failures: the branches it could not land, and why)
 *  newest run Failed                  Error       (lastRun.message: its log tail, e.g. the target
 *                                                  could not be fetched)
 *  no run yet                         Idle
 * </pre>
 */
public final class RefineryStatuses {
  public static final String READY = "Ready";

  private RefineryStatuses() {}

  public static RefineryStatus compute(
      Refinery refinery,
      Rig rig,
      List<Pod> runs,
      List<Polecat> polecats,
      List<Convoy> convoys,
      Instant now) {
    RefineryStatus previous =
        refinery.getStatus() != null ? refinery.getStatus() : new RefineryStatus();
    RefineryStatus status = new RefineryStatus();
    status.setQueueLength(RefineryQueue.of(refinery, rig, polecats, convoys).size());
    status.setLastMergedBranch(previous.getLastMergedBranch());
    status.setLastMergedCommit(previous.getLastMergedCommit());
    status.setLastMergeTime(previous.getLastMergeTime());
    status.setLastRun(previous.getLastRun());
    status.setFailures(previous.getFailures());
    status.setPhase(previous.getPhase() != null ? previous.getPhase() : RefineryPhase.Idle);

    List<Pod> newestFirst = MergeRuns.newestFirst(runs);
    lastMerge(newestFirst, status);
    if (!newestFirst.isEmpty()) {
      Pod run = newestFirst.get(0);
      status.setLastRun(run(run));
      if (MergeRuns.finished(run)) {
        status.setPhase(
            "Failed".equals(PodFacts.phase(run)) ? RefineryPhase.Error : RefineryPhase.Idle);
        status.setFailures(failures(run));
      } else {
        status.setPhase(RefineryPhase.Processing);
        status.setCurrentMerge(
            String.join(
                " ", MergeRuns.queue(run).stream().map(RefineryQueue.Entry::branch).toList()));
      }
    }
    status.setObservedGeneration(refinery.getMetadata().getGeneration());
    ConditionSet conditions =
        new ConditionSet(previous.getConditions(), refinery.getMetadata().getGeneration(), now);
    RefineryRun last = status.getLastRun();
    switch (status.getPhase()) {
      case Error ->
          conditions.set(
              READY,
              ConditionSet.FALSE,
              "RunFailed",
              "merge run " + last.getPodName() + " failed: " + last.getMessage(),
              null);
      case Processing ->
          conditions.set(
              READY, ConditionSet.TRUE, "Processing", "merge run " + last.getPodName(), null);
      default ->
          conditions.set(
              READY,
              ConditionSet.TRUE,
              "Idle",
              status.getQueueLength() + " branches wait for the next run",
              null);
    }
    status.setConditions(conditions.build());
    return status;
  }

  /** The newest run's last merged branch, else the previous status's. */
  private static void lastMerge(List<Pod> newestFirst, RefineryStatus status) {
    for (Pod run : newestFirst) {
      List<MergeResult> merged =
          MergeRuns.results(run).stream()
              .filter(r -> MergeResult.MERGED.equals(r.result()))
              .toList();
      if (!merged.isEmpty()) {
        MergeResult last = merged.get(merged.size() - 1);
        status.setLastMergedBranch(last.branch());
        status.setLastMergedCommit(last.commit());
        status.setLastMergeTime(Timestamps.format(MergeRuns.finishedAt(run)));
        return;
      }
    }
  }

  private static RefineryRun run(Pod pod) {
    RefineryRun run = new RefineryRun();
    run.setPodName(pod.getMetadata().getName());
    run.setPhase(PodFacts.phase(pod));
    run.setStartedAt(Timestamps.format(MergeRuns.startedAt(pod)));
    run.setQueued(MergeRuns.queue(pod).size());
    if (MergeRuns.finished(pod)) {
      run.setCompletedAt(Timestamps.format(MergeRuns.finishedAt(pod)));
      List<MergeResult> results = MergeRuns.results(pod);
      run.setMerged(
          (int) results.stream().filter(r -> MergeResult.MERGED.equals(r.result())).count());
      run.setFailed((int) results.stream().filter(MergeResult::failed).count());
      if ("Failed".equals(PodFacts.phase(pod))) {
        String message = MergeRuns.message(pod);
        run.setMessage(
            message != null && !message.isBlank()
                ? lastLine(message)
                : pod.getStatus() != null && pod.getStatus().getReason() != null
                    ? pod.getStatus().getReason()
                    : "the merge container failed");
      }
    }
    return run;
  }

  private static List<RefineryFailure> failures(Pod run) {
    List<RefineryQueue.Entry> queue = MergeRuns.queue(run);
    List<RefineryFailure> failures = new ArrayList<>();
    for (MergeResult result : MergeRuns.results(run)) {
      if (result.failed()) {
        String polecat =
            queue.stream()
                .filter(e -> e.branch().equals(result.branch()))
                .map(RefineryQueue.Entry::polecat)
                .findFirst()
                .orElse(null);
        failures.add(new RefineryFailure(result.branch(), polecat, result.reason()));
      }
    }
    return failures.isEmpty() ? null : failures;
  }

  private static String lastLine(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.get(lines.size() - 1);
  }
}
