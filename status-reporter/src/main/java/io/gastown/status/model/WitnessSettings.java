package io.gastown.status.model;

import io.gastown.model.Durations;
import io.gastown.model.Witness;
import io.gastown.model.WitnessSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stuck detection settings of a rig: from its Witness, else the defaults (the Witness CRD's
 * defaults).
 *
 * @param healthCheckInterval how often polecats are re-evaluated and their logs probed
 * @param stuckThreshold a Working polecat with no new log output for this long is Stuck
 * @param pendingThreshold a polecat Pending for longer than this is Stuck
 * @param problems unreadable fields of the Witness (each replaced by its default), for its status
 */
public record WitnessSettings(
    Duration healthCheckInterval,
    Duration stuckThreshold,
    Duration pendingThreshold,
    List<String> problems) {

  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_STUCK_THRESHOLD = Duration.ofMinutes(15);
  public static final Duration DEFAULT_PENDING_THRESHOLD = Duration.ofMinutes(10);

  /** Below this, an interval would turn log probing into log streaming. */
  public static final Duration MIN_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);

  public static final WitnessSettings DEFAULTS =
      new WitnessSettings(
          DEFAULT_HEALTH_CHECK_INTERVAL,
          DEFAULT_STUCK_THRESHOLD,
          DEFAULT_PENDING_THRESHOLD,
          List.of());

  public WitnessSettings {
    problems = List.copyOf(problems);
  }

  public static WitnessSettings of(Witness witness) {
    if (witness == null || witness.getSpec() == null) {
      return DEFAULTS;
    }
    WitnessSpec spec = witness.getSpec();
    List<String> problems = new ArrayList<>();
    Duration interval =
        read(
            "spec.healthCheckInterval",
            spec.getHealthCheckInterval(),
            DEFAULT_HEALTH_CHECK_INTERVAL,
            problems);
    if (interval.compareTo(MIN_HEALTH_CHECK_INTERVAL) < 0) {
      problems.add(
          "spec.healthCheckInterval: "
              + spec.getHealthCheckInterval()
              + " is below the minimum of 1s; using 1s");
      interval = MIN_HEALTH_CHECK_INTERVAL;
    }
    Duration stuck =
        read("spec.stuckThreshold", spec.getStuckThreshold(), DEFAULT_STUCK_THRESHOLD, problems);
    Duration pending =
        read(
            "spec.pendingThreshold",
            spec.getPendingThreshold(),
            DEFAULT_PENDING_THRESHOLD,
            problems);
    return new WitnessSettings(interval, stuck, pending, problems);
  }

  /**
   * The Witness that governs a rig's polecats in one namespace: the one whose {@code spec.rigRef}
   * names the rig, the first by name when there are several (so the choice does not depend on list
   * order).
   */
  public static Witness governing(List<Witness> witnessesInNamespace, String rig) {
    return witnessesInNamespace.stream()
        .filter(w -> w.getSpec() != null && rig != null && rig.equals(w.getSpec().getRigRef()))
        .min(Comparator.comparing(w -> w.getMetadata().getName()))
        .orElse(null);
  }

  private static Duration read(
      String field, String text, Duration fallback, List<String> problems) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Durations.parse(field, text);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage() + " (using the default " + Durations.format(fallback) + ")");
      return fallback;
    }
  }
}
