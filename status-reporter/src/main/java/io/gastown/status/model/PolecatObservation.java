package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gastown.model.Polecat;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the status of one polecat is computed from.
 *
 * @param polecat the Polecat as stored, including its current status (the previous computation)
 * @param job its Job {@code polecat-<name>}, or null when there is none
 * @param pods the Pods labelled with the polecat (normally one; two while one is replaced)
 * @param warnings Warning events about the Job or the Pods (FailedCreate, FailedMount)
 * @param settings the governing Witness's settings
 * @param logActivity what the bounded log probe saw
 * @param now the reporter's clock
 * @param mergeRuns the Pods of the merge runs that were given the polecat's branch
 */
public record PolecatObservation(
    Polecat polecat,
    Job job,
    List<Pod> pods,
    List<ObservedEvent> warnings,
    WitnessSettings settings,
    LogActivity logActivity,
    Instant now,
    List<Pod> mergeRuns) {

  public PolecatObservation(
      Polecat polecat,
      Job job,
      List<Pod> pods,
      List<ObservedEvent> warnings,
      WitnessSettings settings,
      LogActivity logActivity,
      Instant now) {
    this(polecat, job, pods, warnings, settings, logActivity, now, List.of());
  }

  public PolecatObservation {
    Objects.requireNonNull(polecat, "polecat");
    Objects.requireNonNull(now, "now");
    pods = pods != null ? List.copyOf(pods) : List.of();
    warnings = warnings != null ? List.copyOf(warnings) : List.of();
    settings = settings != null ? settings : WitnessSettings.DEFAULTS;
    logActivity = logActivity != null ? logActivity : LogActivity.unknown();
    mergeRuns = mergeRuns != null ? List.copyOf(mergeRuns) : List.of();
  }
}
