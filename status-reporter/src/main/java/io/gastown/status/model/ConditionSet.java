package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a status's conditions the Kubernetes way: {@code lastTransitionTime} changes only when a
 * condition's status changes; reason, message and observedGeneration follow the latest computation.
 */
final class ConditionSet {
  static final String TRUE = "True";
  static final String FALSE = "False";
  static final String UNKNOWN = "Unknown";

  private final List<Condition> previous;
  private final Long generation;
  private final Instant now;
  private final List<Condition> conditions = new ArrayList<>();

  ConditionSet(List<Condition> previous, Long generation, Instant now) {
    this.previous = previous != null ? previous : List.of();
    this.generation = generation;
    this.now = now;
  }

  /**
   * Adds a condition.
   *
   * @param since when the condition most likely took this status (e.g. when the container
   *     finished), used only when the status changes; null or a time after now means now
   */
  ConditionSet set(String type, String status, String reason, String message, Instant since) {
    Condition condition = new Condition();
    condition.setType(type);
    condition.setStatus(status);
    condition.setReason(reason);
    condition.setMessage(message);
    condition.setObservedGeneration(generation);
    Condition before = find(type);
    if (before != null
        && status.equals(before.getStatus())
        && before.getLastTransitionTime() != null) {
      condition.setLastTransitionTime(before.getLastTransitionTime());
    } else {
      // A transition never precedes the one it replaces, nor lies in the future.
      Instant at = since == null ? now : since;
      if (before != null) {
        at = Timestamps.latest(at, Timestamps.parse(before.getLastTransitionTime()));
      }
      at = at.isAfter(now) ? now : at;
      condition.setLastTransitionTime(Timestamps.format(at));
    }
    conditions.add(condition);
    return this;
  }

  List<Condition> build() {
    return List.copyOf(conditions);
  }

  static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  private Condition find(String type) {
    return find(previous, type);
  }
}
