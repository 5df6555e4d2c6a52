package io.gastown.cli.wait;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pure judgements of one look at a polecat (and its pod): is it Working yet, is its pod running, or
 * did it fail, and in words why not. Table-tested; {@link PolecatWaiter} calls them in a loop.
 */
public final class Readiness {
  private Readiness() {}

  /** {@code --wait}: the Polecat's status phase is Working (or already Done). */
  public static Verdict working(String name, Polecat polecat, Optional<Pod> pod) {
    if (polecat == null) {
      return notSynced(name);
    }
    Optional<Verdict> failed = failedPhase(polecat);
    if (failed.isPresent()) {
      return failed.get();
    }
    PolecatPhase phase = polecat.getStatus() == null ? null : polecat.getStatus().getPhase();
    if (phase == PolecatPhase.Working) {
      return Verdict.reached(
          "polecat " + name + " is Working" + pod.map(p -> " (pod " + podName(p) + ")").orElse(""));
    }
    if (phase == PolecatPhase.Done) {
      return Verdict.reached("polecat " + name + " already finished (Done)");
    }
    if (phase == null) {
      return Verdict.waiting(
          "polecat "
              + name
              + " has no status yet"
              + pod.map(
                      p ->
                          " (pod "
                              + podName(p)
                              + " is "
                              + phaseOf(p)
                              + "; is the status reporter running?)")
                  .orElse(" and no pod"));
    }
    return Verdict.waiting(
        "polecat " + name + " is " + phase + message(polecat).map(m -> ": " + m).orElse(""));
  }

  /**
   * {@code --wait-ready}: the polecat's pod is Running. A pod that already Succeeded counts (it ran
   * before we saw it); a Failed pod or a Failed/Stuck/Terminated polecat is a failure.
   */
  public static Verdict podRunning(
      String name, Polecat polecat, Optional<Pod> pod, Optional<String> jobProblem) {
    if (polecat == null) {
      return notSynced(name);
    }
    Optional<Verdict> failed = failedPhase(polecat);
    if (failed.isPresent()) {
      return failed.get();
    }
    if (pod.isEmpty()) {
      String why =
          jobProblem
              .or(() -> message(polecat))
              .map(m -> ": " + m)
              .orElse(" (waiting for its Job to create it)");
      return Verdict.waiting("polecat " + name + " has no pod yet" + why);
    }
    Pod p = pod.get();
    String phase = phaseOf(p);
    return switch (phase) {
      case "Running" -> Verdict.reached("pod " + podName(p) + " is running");
      case "Succeeded" -> Verdict.reached("pod " + podName(p) + " already finished (Succeeded)");
      case "Failed" ->
          Verdict.failed(
              "pod "
                  + podName(p)
                  + " failed"
                  + terminated(p)
                      .map(t -> ": " + t)
                      .orElse(
                          Optional.ofNullable(p.getStatus().getMessage())
                              .map(m -> ": " + m)
                              .orElse("")));
      default ->
          Verdict.waiting(
              "pod "
                  + podName(p)
                  + " is "
                  + phase
                  + pendingReason(p).map(r -> ": " + r).orElse(""));
    };
  }

  private static Verdict notSynced(String name) {
    return Verdict.waiting(
        "polecat " + name + " is not in the cluster yet (waiting for Argo CD to sync it)");
  }

  private static Optional<Verdict> failedPhase(Polecat polecat) {
    PolecatPhase phase = polecat.getStatus() == null ? null : polecat.getStatus().getPhase();
    if (phase == PolecatPhase.Failed
        || phase == PolecatPhase.Stuck
        || phase == PolecatPhase.Terminated) {
      return Optional.of(
          Verdict.failed(
              "polecat "
                  + polecat.getMetadata().getName()
                  + " is "
                  + phase
                  + message(polecat).map(m -> ": " + m).orElse("")));
    }
    return Optional.empty();
  }

  private static Optional<String> message(Polecat polecat) {
    return Optional.ofNullable(polecat.getStatus())
        .map(s -> s.getMessage())
        .filter(m -> !m.isBlank());
  }

  /**
   * Why a Pending pod is not running: a container's waiting reason, else unschedulable, else
   * nothing known.
   */
  static Optional<String> pendingReason(Pod pod) {
    PodStatus status = pod.getStatus();
    if (status == null) {
      return Optional.empty();
    }
    Optional<String> waiting =
        containers(status)
            .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
            .map(s -> describe(s.getName(), s.getState().getWaiting()))
            .filter(text -> !text.isEmpty())
            .findFirst();
    if (waiting.isPresent()) {
      return waiting;
    }
    return conditions(status).stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(
            c ->
                "not scheduled"
                    + (c.getReason() != null ? " (" + c.getReason() + ")" : "")
                    + (c.getMessage() != null ? ": " + c.getMessage() : ""))
        .findFirst();
  }

  /**
   * "container agent terminated: Error (exit code 1): message" for the first container that ended
   * badly.
   */
  static Optional<String> terminated(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    return containers(pod.getStatus())
        .filter(
            s ->
                s.getState() != null
                    && s.getState().getTerminated() != null
                    && !Integer.valueOf(0).equals(s.getState().getTerminated().getExitCode()))
        .map(
            s -> {
              ContainerStateTerminated t = s.getState().getTerminated();
              return "container "
                  + s.getName()
                  + " terminated: "
                  + Optional.ofNullable(t.getReason()).orElse("Error")
                  + " (exit code "
                  + t.getExitCode()
                  + ")"
                  + (t.getMessage() != null ? ": " + t.getMessage().strip() : "");
            })
        .findFirst();
  }

  private static String describe(String container, ContainerStateWaiting waiting) {
    String reason = waiting.getReason();
    if (reason == null || reason.isBlank()) {
      return "";
    }
    return "container "
        + container
        + " "
        + reason
        + (waiting.getMessage() != null ? ": " + waiting.getMessage() : "");
  }

  private static Stream<ContainerStatus> containers(PodStatus status) {
    return Stream.concat(
        nullSafe(status.getInitContainerStatuses()).stream(),
        nullSafe(status.getContainerStatuses()).stream());
  }

  private static List<PodCondition> conditions(PodStatus status) {
    return nullSafe(status.getConditions());
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String phaseOf(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? "Pending"
        : pod.getStatus().getPhase();
  }

  private static String podName(Pod pod) {
    return pod.getMetadata().getName();
  }
}
