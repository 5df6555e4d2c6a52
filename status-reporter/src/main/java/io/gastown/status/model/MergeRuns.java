package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.expand.RefineryQueue;
import io.gastown.model.GasTown;
import io.gastown.model.MergeResult;
import io.gastown.model.PodContract;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the Pod of a Refinery's merge run tells: the queue it was given (its annotation), how far it
 * got (its phase) and what it did to each branch (the merge container's termination message).
 */
public final class MergeRuns {
  private MergeRuns() {}

  /** The runs, newest first. */
  public static List<Pod> newestFirst(List<Pod> runs) {
    return runs.stream()
        .sorted(
            Comparator.comparing(
                    (Pod p) -> Timestamps.parse(p.getMetadata().getCreationTimestamp()),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(p -> p.getMetadata().getName())
                .reversed())
        .toList();
  }

  public static boolean finished(Pod run) {
    String phase = PodFacts.phase(run);
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  public static List<RefineryQueue.Entry> queue(Pod run) {
    var annotations = run.getMetadata().getAnnotations();
    return RefineryQueue.fromAnnotation(
        annotations != null ? annotations.get(GasTown.ANNOTATION_MERGE_QUEUE) : null);
  }

  /** The result lines of a finished run (none when it stopped before the first). */
  public static List<MergeResult> results(Pod run) {
    ContainerStateTerminated terminated = terminated(run);
    return terminated != null ? MergeResult.parse(terminated.getMessage()) : List.of();
  }

  /** The merge container's termination message: the result lines, or the log tail of a failure. */
  public static String message(Pod run) {
    ContainerStateTerminated terminated = terminated(run);
    return terminated != null ? terminated.getMessage() : null;
  }

  public static Instant startedAt(Pod run) {
    return run.getStatus() != null ? Timestamps.parse(run.getStatus().getStartTime()) : null;
  }

  public static Instant finishedAt(Pod run) {
    ContainerStateTerminated terminated = terminated(run);
    return terminated != null ? Timestamps.parse(terminated.getFinishedAt()) : null;
  }

  /** The branch the run landed work on. */
  public static String target(Pod run) {
    return run.getSpec() == null || run.getSpec().getContainers() == null
        ? PodContract.DEFAULT_BRANCH
        : run.getSpec().getContainers().stream()
            .filter(c -> c.getEnv() != null)
            .flatMap(c -> c.getEnv().stream())
            .filter(e -> PodContract.Env.TARGET_BRANCH.equals(e.getName()))
            .map(EnvVar::getValue)
            .findFirst()
            .orElse(PodContract.DEFAULT_BRANCH);
  }

  /**
   * What the newest finished run that decided on the polecat's branch decided (a branch left for
   * later, or cut off the termination message, decides nothing).
   */
  public static Optional<Decision> decisionFor(String polecat, List<Pod> runs) {
    for (Pod run : newestFirst(runs)) {
      if (!finished(run)) {
        continue;
      }
      String branch =
          queue(run).stream()
              .filter(e -> e.polecat().equals(polecat))
              .map(RefineryQueue.Entry::branch)
              .findFirst()
              .orElse(null);
      if (branch == null) {
        continue;
      }
      Optional<MergeResult> result =
          results(run).stream()
              .filter(r -> r.branch().equals(branch) && r.conditionReason() != null)
              .findFirst();
      if (result.isPresent()) {
        return Optional.of(new Decision(result.get(), target(run), finishedAt(run)));
      }
    }
    return Optional.empty();
  }

  /** A run's result for one branch, with the target it was merged into and when. */
  public record Decision(MergeResult result, String target, Instant at) {
    /** The polecat's {@value MergeResult#CONDITION} condition's message. */
    public String message() {
      return switch (result.result()) {
        case MergeResult.MERGED ->
            "branch "
                + result.branch()
                + " merged into "
                + target
                + " (commit "
                + result.commit()
                + ")";
        case MergeResult.ALREADY_MERGED ->
            "branch "
                + result.branch()
                + " is already in "
                + target
                + " (commit "
                + result.commit()
                + ")";
        default ->
            "branch " + result.branch() + " not merged into " + target + ": " + result.reason();
      };
    }
  }

  private static ContainerStateTerminated terminated(Pod run) {
    if (run.getStatus() == null || run.getStatus().getContainerStatuses() == null) {
      return null;
    }
    for (ContainerStatus status : run.getStatus().getContainerStatuses()) {
      if (PodContract.REFINERY_MERGE_CONTAINER.equals(status.getName())
          && status.getState() != null
          && status.getState().getTerminated() != null) {
        return status.getState().getTerminated();
      }
    }
    return null;
  }
}
