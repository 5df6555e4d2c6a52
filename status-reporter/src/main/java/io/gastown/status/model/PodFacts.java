package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.gastown.model.DesiredState;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Read-only facts about polecat Pods, tolerant of absent fields. */
public final class PodFacts {
  /**
   * The names the agent container has: one per agent, and the skeleton Job's placeholder (an
   * unexpanded Pod).
   */
  private static final List<String> AGENT_CONTAINERS = PodContract.agentContainers();

  private PodFacts() {}

  /**
   * The Pod that speaks for the polecat when there are several (a Job replacing a Pod): one not
   * being deleted, the newest, ties broken by name so that the choice never depends on list order.
   */
  public static Pod current(List<Pod> pods) {
    return pods.stream()
        .min(
            Comparator.comparing(PodFacts::isDeleting)
                .thenComparing(PodFacts::created, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder()))
        .orElse(null);
  }

  /**
   * The pods to stop for a polecat retired in place ({@code spec.desiredState: Terminated}, Argo
   * CD's nuke action): every one that has not finished and is not already being deleted. Empty for
   * any other desiredState.
   */
  public static List<Pod> toStop(Polecat polecat, List<Pod> pods) {
    if (polecat.getSpec() == null
        || polecat.getSpec().getDesiredState() != DesiredState.Terminated) {
      return List.of();
    }
    return pods.stream()
        .filter(p -> !isDeleting(p))
        .filter(p -> !"Succeeded".equals(phase(p)) && !"Failed".equals(phase(p)))
        .toList();
  }

  static boolean isDeleting(HasMetadata object) {
    return object.getMetadata().getDeletionTimestamp() != null;
  }

  static Instant created(HasMetadata object) {
    return Timestamps.parse(object.getMetadata().getCreationTimestamp());
  }

  public static String phase(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getPhase() != null
        ? pod.getStatus().getPhase()
        : "Pending";
  }

  static String statusReason(Pod pod) {
    return pod.getStatus() != null ? pod.getStatus().getReason() : null;
  }

  static String statusMessage(Pod pod) {
    return pod.getStatus() != null ? pod.getStatus().getMessage() : null;
  }

  static Instant startTime(Pod pod) {
    return pod.getStatus() != null ? Timestamps.parse(pod.getStatus().getStartTime()) : null;
  }

  static PodCondition condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  static List<ContainerStatus> initStatuses(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getInitContainerStatuses() != null
        ? pod.getStatus().getInitContainerStatuses()
        : List.of();
  }

  static List<ContainerStatus> containerStatuses(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
        ? pod.getStatus().getContainerStatuses()
        : List.of();
  }

  /**
   * Init containers first, then the others, each group in spec order (status lists are not
   * ordered).
   */
  static List<ContainerStatus> allStatusesInOrder(Pod pod) {
    List<ContainerStatus> ordered = new ArrayList<>();
    ordered.addAll(
        inSpecOrder(
            initStatuses(pod), pod.getSpec() != null ? pod.getSpec().getInitContainers() : null));
    ordered.addAll(
        inSpecOrder(
            containerStatuses(pod), pod.getSpec() != null ? pod.getSpec().getContainers() : null));
    return ordered;
  }

  /**
   * The agent container's status (the container named by the pod contract), or null when it has
   * none yet.
   */
  static ContainerStatus agentStatus(Pod pod) {
    return containerStatuses(pod).stream()
        .filter(s -> AGENT_CONTAINERS.contains(s.getName()))
        .findFirst()
        .orElse(null);
  }

  /**
   * Name of the container whose log shows the agent's activity (the pod contract's), or null when
   * it has none.
   */
  public static String agentContainerName(Pod pod) {
    List<Container> containers =
        pod.getSpec() != null && pod.getSpec().getContainers() != null
            ? pod.getSpec().getContainers()
            : List.of();
    return containers.stream()
        .map(Container::getName)
        .filter(AGENT_CONTAINERS::contains)
        .findFirst()
        .orElse(null);
  }

  /** When the agent container started, else when the kubelet started the Pod. */
  static Instant agentStartedAt(Pod pod) {
    ContainerStatus agent = agentStatus(pod);
    if (agent != null && agent.getState() != null) {
      ContainerState state = agent.getState();
      if (state.getRunning() != null && state.getRunning().getStartedAt() != null) {
        return Timestamps.parse(state.getRunning().getStartedAt());
      }
      if (state.getTerminated() != null && state.getTerminated().getStartedAt() != null) {
        return Timestamps.parse(state.getTerminated().getStartedAt());
      }
    }
    return phase(pod).equals("Pending") ? null : startTime(pod);
  }

  /** When the last of the Pod's containers finished, or null. */
  static Instant finishedAt(Pod pod) {
    return allStatusesInOrder(pod).stream()
        .map(s -> s.getState() != null ? s.getState().getTerminated() : null)
        .filter(Objects::nonNull)
        .map(t -> Timestamps.parse(t.getFinishedAt()))
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .orElse(null);
  }

  /** The first container that exited non-zero, in init-then-main spec order. */
  static ContainerStatus firstFailedContainer(Pod pod) {
    return allStatusesInOrder(pod).stream()
        .filter(
            s -> {
              ContainerStateTerminated t =
                  s.getState() != null ? s.getState().getTerminated() : null;
              return t != null && t.getExitCode() != null && t.getExitCode() != 0;
            })
        .findFirst()
        .orElse(null);
  }

  /** The work branch the webhook gave the Pod, or null when the Pod does not say. */
  static String workBranch(Pod pod) {
    if (pod == null || pod.getSpec() == null) {
      return null;
    }
    return Stream.concat(
            pod.getSpec().getInitContainers() != null
                ? pod.getSpec().getInitContainers().stream()
                : Stream.empty(),
            pod.getSpec().getContainers() != null
                ? pod.getSpec().getContainers().stream()
                : Stream.empty())
        .flatMap(c -> c.getEnv() != null ? c.getEnv().stream() : Stream.<EnvVar>empty())
        .filter(
            e ->
                PodContract.Env.WORK_BRANCH.equals(e.getName())
                    && e.getValue() != null
                    && !e.getValue().isBlank())
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The image a container runs, from the Pod spec. */
  static String image(Pod pod, String container) {
    if (pod.getSpec() == null) {
      return null;
    }
    return Stream.concat(
            pod.getSpec().getInitContainers() != null
                ? pod.getSpec().getInitContainers().stream()
                : Stream.empty(),
            pod.getSpec().getContainers() != null
                ? pod.getSpec().getContainers().stream()
                : Stream.empty())
        .filter(c -> container.equals(c.getName()))
        .map(Container::getImage)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private static List<ContainerStatus> inSpecOrder(
      List<ContainerStatus> statuses, List<Container> spec) {
    if (spec == null || spec.isEmpty()) {
      return statuses.stream().sorted(Comparator.comparing(ContainerStatus::getName)).toList();
    }
    List<String> order = spec.stream().map(Container::getName).toList();
    return statuses.stream()
        .sorted(
            Comparator.comparingInt(
                    (ContainerStatus s) -> {
                      int index = order.indexOf(s.getName());
                      return index < 0 ? Integer.MAX_VALUE : index;
                    })
                .thenComparing(ContainerStatus::getName))
        .toList();
  }
}
