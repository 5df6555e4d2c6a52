package io.gastown.status.model;

import java.time.Instant;

/**
 * A Warning Event about a polecat's Job or Pod that its status alone does not show: the Job
 * controller's {@code FailedCreate} (for instance the webhook denying the Pod) or the kubelet's
 * {@code FailedMount}.
 *
 * @param objectUid uid of the Job or Pod the event is about
 * @param reason the event's reason, e.g. FailedCreate
 * @param message the event's message
 * @param lastSeen when it was last recorded
 */
public record ObservedEvent(String objectUid, String reason, String message, Instant lastSeen) {
  public static final String FAILED_CREATE = "FailedCreate";
  public static final String FAILED_MOUNT = "FailedMount";
}
