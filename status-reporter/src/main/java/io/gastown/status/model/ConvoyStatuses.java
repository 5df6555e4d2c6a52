package io.gastown.status.model;

import io.gastown.model.Convoy;
import io.gastown.model.ConvoyPhase;
import io.gastown.model.ConvoyStatus;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Convoy's status from the polecats of its tracked beads. A bead is done when one of its polecats
 * is Done, failed when its polecats ended Failed and none is still at it, pending otherwise. The
 * convoy is Complete when every bead is done, Failed when nothing is left to run and some bead
 * failed, InProgress once any bead has a polecat, and Pending before.
 */
public final class ConvoyStatuses {
  private static final Set<PolecatPhase> ACTIVE =
      java.util.EnumSet.of(PolecatPhase.Pending, PolecatPhase.Working, PolecatPhase.Stuck);

  private ConvoyStatuses() {}

  /**
   * Computes the status.
   *
   * @param polecats candidate polecats (any order); only those whose bead is tracked and, when the
   *     convoy names a rig, that work for that rig count
   */
  public static ConvoyStatus compute(Convoy convoy, List<Polecat> polecats, Instant now) {
    ConvoyStatus previous = convoy.getStatus() != null ? convoy.getStatus() : new ConvoyStatus();
    String rig = convoy.getSpec() != null ? convoy.getSpec().getRigRef() : null;
    List<String> beads =
        convoy.getSpec() != null && convoy.getSpec().getTrackedBeads() != null
            ? List.copyOf(new LinkedHashSet<>(convoy.getSpec().getTrackedBeads()))
            : List.of();

    List<String> completed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    List<Polecat> involved = new ArrayList<>();
    Instant lastFinished = null;
    for (String bead : beads) {
      List<Polecat> own =
          polecats.stream()
              .filter(p -> p.getSpec() != null && bead.equals(p.getSpec().getBeadID()))
              .filter(p -> rig == null || rig.equals(p.getSpec().getRig()))
              .toList();
      involved.addAll(own);
      Set<PolecatPhase> phases =
          own.stream().map(ConvoyStatuses::phase).collect(java.util.stream.Collectors.toSet());
      if (phases.contains(PolecatPhase.Done)) {
        completed.add(bead);
        lastFinished = latestCompletion(own, PolecatPhase.Done, lastFinished);
      } else if (phases.contains(PolecatPhase.Failed)
          && phases.stream().noneMatch(ACTIVE::contains)) {
        failed.add(bead);
        lastFinished = latestCompletion(own, PolecatPhase.Failed, lastFinished);
      } else {
        pending.add(bead);
      }
    }

    ConvoyPhase phase;
    if (!beads.isEmpty() && completed.size() == beads.size()) {
      phase = ConvoyPhase.Complete;
    } else if (!failed.isEmpty() && pending.isEmpty()) {
      phase = ConvoyPhase.Failed;
    } else if (!involved.isEmpty()) {
      phase = ConvoyPhase.InProgress;
    } else {
      phase = ConvoyPhase.Pending;
    }

    ConvoyStatus status = new ConvoyStatus();
    status.setPhase(phase);
    String progress = completed.size() + "/" + beads.size();
    status.setProgress(progress);
    status.setCompletedBeads(completed);
    status.setPendingBeads(pending);
    status.setFailedBeads(failed);
    Instant started = Timestamps.parse(previous.getStartedAt());
    if (started == null) {
      started =
          involved.stream()
              .map(ConvoyStatuses::began)
              .filter(Objects::nonNull)
              .min(Instant::compareTo)
              .orElse(null);
    }
    status.setStartedAt(Timestamps.format(started));
    boolean finished = phase == ConvoyPhase.Complete || phase == ConvoyPhase.Failed;
    Instant completedAt = null;
    if (finished) {
      completedAt =
          previous.getPhase() == phase && Timestamps.parse(previous.getCompletedAt()) != null
              ? Timestamps.parse(previous.getCompletedAt())
              : lastFinished != null ? lastFinished : now;
    }
    status.setCompletedAt(Timestamps.format(completedAt));
    Long generation = convoy.getMetadata().getGeneration();
    status.setObservedGeneration(generation);

    String summary =
        progress
            + " beads done"
            + (failed.isEmpty() ? "" : ", failed: " + String.join(", ", failed));
    ConditionSet conditions = new ConditionSet(previous.getConditions(), generation, now);
    conditions.set(
        PolecatStatuses.READY,
        failed.isEmpty() ? ConditionSet.TRUE : ConditionSet.FALSE,
        failed.isEmpty() ? phase.name() : "BeadsFailed",
        summary,
        completedAt);
    conditions.set(
        PolecatStatuses.PROGRESSING,
        phase == ConvoyPhase.InProgress ? ConditionSet.TRUE : ConditionSet.FALSE,
        phase.name(),
        summary,
        null);
    conditions.set(
        PolecatStatuses.DEGRADED,
        failed.isEmpty() ? ConditionSet.FALSE : ConditionSet.TRUE,
        failed.isEmpty() ? PolecatStatuses.AS_EXPECTED : "BeadsFailed",
        summary,
        null);
    conditions.set(
        PolecatStatuses.SUCCEEDED,
        phase == ConvoyPhase.Complete
            ? ConditionSet.TRUE
            : phase == ConvoyPhase.Failed ? ConditionSet.FALSE : ConditionSet.UNKNOWN,
        phase.name(),
        summary,
        completedAt);
    status.setConditions(conditions.build());
    return status;
  }

  /** A polecat without an observed phase yet is just starting. */
  static PolecatPhase phase(Polecat polecat) {
    return polecat.getStatus() != null && polecat.getStatus().getPhase() != null
        ? polecat.getStatus().getPhase()
        : PolecatPhase.Pending;
  }

  private static Instant latestCompletion(
      List<Polecat> polecats, PolecatPhase phase, Instant latest) {
    for (Polecat p : polecats) {
      if (phase(p) == phase) {
        latest = Timestamps.latest(latest, Timestamps.parse(p.getStatus().getCompletedAt()));
      }
    }
    return latest;
  }

  private static Instant began(Polecat polecat) {
    Instant started =
        polecat.getStatus() != null ? Timestamps.parse(polecat.getStatus().getStartedAt()) : null;
    return started != null ? started : PodFacts.created(polecat);
  }
}
