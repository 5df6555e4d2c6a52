package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.gastown.model.PodContract;
import io.gastown.model.PolecatPhase;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a polecat's Pod (or the lack of one) is Pending, from the Pod's status and Warning events.
 */
final class PendingReasons {
  static final String UNSCHEDULABLE = "Unschedulable";
  static final String IMAGE_PULL_ERROR = "ImagePullError";
  static final String MISSING_SECRET_OR_CONFIGMAP = "MissingSecretOrConfigMap";
  static final String CONTAINER_CONFIG_ERROR = "ContainerConfigError";
  static final String CONTAINER_CREATE_ERROR = "ContainerCreateError";
  static final String VOLUME_MOUNT_FAILED = "VolumeMountFailed";
  static final String ADMISSION_DENIED = "AdmissionDenied";
  static final String POD_CREATE_FAILED = "PodCreateFailed";
  static final String WAITING_FOR_SLOT = "WaitingForSlot";
  static final String SCHEDULING = "Scheduling";
  static final String INITIALIZING = "Initializing";
  static final String STARTING = "Starting";
  static final String WAITING_FOR_POD = "WaitingForPod";
  static final String POD_MISSING = "PodMissing";
  static final String JOB_MISSING = "JobMissing";
  static final String JOB_SUSPENDED = "JobSuspended";
  static final String POD_UNKNOWN = "PodUnknown";

  private static final Set<String> IMAGE_PULL =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "ErrImageNeverPull",
          "RegistryUnavailable",
          "SignatureValidationFailed");
  private static final Set<String> CREATE_ERRORS =
      Set.of(
          "CreateContainerError",
          "RunContainerError",
          "InvalidImageName",
          "PreStartHookError",
          "PostStartHookError");
  private static final Pattern MISSING_OBJECT =
      Pattern.compile("(?i)(secret|configmap)s? \"[^\"]*\" not found|couldn't find key");
  private static final int MAX_MESSAGE = 300;

  private PendingReasons() {}

  /** The reason a Pod in phase Pending is not running yet. */
  static Verdict forPod(Pod pod, List<ObservedEvent> warnings) {
    String name = pod.getMetadata().getName();
    PodCondition scheduled = PodFacts.condition(pod, "PodScheduled");
    if (scheduled != null && "False".equals(scheduled.getStatus())) {
      if (UNSCHEDULABLE.equals(scheduled.getReason())) {
        return problem(
            UNSCHEDULABLE, "pod " + name + " cannot be scheduled: " + clip(scheduled.getMessage()));
      }
      return ok(SCHEDULING, "pod " + name + " is waiting to be scheduled");
    }
    for (ContainerStatus status : PodFacts.allStatusesInOrder(pod)) {
      ContainerStateWaiting waiting =
          status.getState() != null ? status.getState().getWaiting() : null;
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      String container = status.getName();
      String reason = waiting.getReason();
      if (IMAGE_PULL.contains(reason)) {
        // ErrImagePull and ImagePullBackOff alternate; a message without the kubelet's text stays
        // stable.
        String image = PodFacts.image(pod, container);
        return problem(
            IMAGE_PULL_ERROR,
            "container "
                + container
                + " cannot pull its image"
                + (image != null ? " \"" + image + "\"" : "")
                + "; kubectl describe pod "
                + name
                + " shows why");
      }
      if ("CreateContainerConfigError".equals(reason)) {
        String detail = clip(waiting.getMessage());
        if (detail != null && MISSING_OBJECT.matcher(detail).find()) {
          return problem(
              MISSING_SECRET_OR_CONFIGMAP,
              "container "
                  + container
                  + " cannot start: "
                  + detail
                  + " (create it in namespace "
                  + pod.getMetadata().getNamespace()
                  + ")");
        }
        return problem(
            CONTAINER_CONFIG_ERROR, "container " + container + " cannot start: " + detail);
      }
      if (CREATE_ERRORS.contains(reason)) {
        return problem(
            CONTAINER_CREATE_ERROR,
            "container "
                + container
                + " cannot be created ("
                + reason
                + "): "
                + clip(waiting.getMessage()));
      }
    }
    ObservedEvent mount = latest(warnings, pod.getMetadata().getUid(), ObservedEvent.FAILED_MOUNT);
    if (mount != null) {
      String detail = clip(mount.message());
      return problem(
          detail != null && MISSING_OBJECT.matcher(detail).find()
              ? MISSING_SECRET_OR_CONFIGMAP
              : VOLUME_MOUNT_FAILED,
          "pod " + name + " cannot mount a volume: " + detail);
    }
    for (ContainerStatus init : PodFacts.initStatuses(pod)) {
      if (init.getState() != null && init.getState().getRunning() != null) {
        return ok(
            INITIALIZING, "init container " + init.getName() + " of pod " + name + " is running");
      }
    }
    return ok(STARTING, "pod " + name + " is starting");
  }

  /** The Job exists but has no Pod. */
  static Verdict forJobWithoutPod(
      String jobName,
      String jobUid,
      boolean suspended,
      List<ObservedEvent> warnings,
      boolean podLost) {
    if (suspended) {
      return ok(JOB_SUSPENDED, "Job " + jobName + " is suspended (spec.suspend)");
    }
    ObservedEvent failedCreate = latest(warnings, jobUid, ObservedEvent.FAILED_CREATE);
    if (failedCreate != null) {
      String raw = failedCreate.message();
      int slot = raw != null ? raw.indexOf(PodContract.WAITING_FOR_A_SLOT) : -1;
      if (slot >= 0) {
        // Not a problem: the Rig's or a Convoy's budget holds the polecat back until another one
        // finishes.
        return ok(WAITING_FOR_SLOT, clip(raw.substring(slot)));
      }
      String detail = clip(raw);
      boolean denied =
          detail != null
              && (detail.contains("admission webhook") || detail.contains("denied the request"));
      return problem(
          denied ? ADMISSION_DENIED : POD_CREATE_FAILED,
          "Job " + jobName + " cannot create its pod: " + detail);
    }
    if (podLost) {
      return ok(
          POD_MISSING, "the pod is gone; waiting for Job " + jobName + " to replace it or to fail");
    }
    return ok(WAITING_FOR_POD, "waiting for Job " + jobName + " to create its pod");
  }

  static Verdict forMissingJob(String jobName, String namespace) {
    return ok(
        JOB_MISSING,
        "no Job "
            + jobName
            + " in namespace "
            + namespace
            + " yet (Argo CD creates it from git after the Polecat)");
  }

  static String clip(String text) {
    if (text == null) {
      return null;
    }
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_MESSAGE
        ? oneLine
        : oneLine.substring(0, MAX_MESSAGE - 3) + "...";
  }

  private static ObservedEvent latest(List<ObservedEvent> warnings, String uid, String reason) {
    if (uid == null) {
      return null;
    }
    return warnings.stream()
        .filter(e -> uid.equals(e.objectUid()) && reason.equals(e.reason()))
        .max(
            Comparator.comparing(
                    ObservedEvent::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(e -> e.message() == null ? "" : e.message()))
        .orElse(null);
  }

  private static Verdict ok(String reason, String message) {
    return Verdict.of(PolecatPhase.Pending, reason, message, null);
  }

  private static Verdict problem(String reason, String message) {
    return Verdict.problem(PolecatPhase.Pending, reason, message, null);
  }
}
