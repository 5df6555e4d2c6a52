package io.gastown.status.model;

import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatsSummary;
import io.gastown.model.Witness;
import io.gastown.model.WitnessPhase;
import io.gastown.model.WitnessStatus;
import java.time.Instant;
import java.util.List;

/**
 * A Witness's status: the summary of its rig's polecats in its namespace. Degraded while any is
 * Stuck or Failed (or its settings cannot be read), Active while any is Pending or Working, else
 * Pending. {@code lastCheckTime} moves only when the summary changes or a health-check interval has
 * passed, so an unchanged rig is not rewritten on every polecat event.
 */
public final class WitnessStatuses {
  private static final int MAX_NAMES = 10;

  private WitnessStatuses() {}

  /**
   * Computes the status.
   *
   * @param polecats the polecats of the Witness's rig in the Witness's namespace
   */
  public static WitnessStatus compute(Witness witness, List<Polecat> polecats, Instant now) {
    WitnessStatus previous =
        witness.getStatus() != null ? witness.getStatus() : new WitnessStatus();
    WitnessSettings settings = WitnessSettings.of(witness);
    PolecatsSummary summary = new PolecatsSummary();
    summary.setTotal(polecats.size());
    for (Polecat polecat : polecats) {
      switch (ConvoyStatuses.phase(polecat)) {
        case Pending -> summary.setPending(summary.getPending() + 1);
        case Working -> summary.setRunning(summary.getRunning() + 1);
        case Done -> summary.setSucceeded(summary.getSucceeded() + 1);
        case Failed -> summary.setFailed(summary.getFailed() + 1);
        case Stuck -> summary.setStuck(summary.getStuck() + 1);
        default -> {}
      }
    }
    boolean issues = summary.getStuck() > 0 || summary.getFailed() > 0;
    boolean degraded = issues || !settings.problems().isEmpty();
    WitnessPhase phase =
        degraded
            ? WitnessPhase.Degraded
            : summary.getRunning() + summary.getPending() > 0
                ? WitnessPhase.Active
                : WitnessPhase.Pending;

    WitnessStatus status = new WitnessStatus();
    status.setPhase(phase);
    status.setPolecatsSummary(summary);
    Instant lastCheck = Timestamps.parse(previous.getLastCheckTime());
    boolean unchanged =
        previous.getPhase() == phase && sameSummary(previous.getPolecatsSummary(), summary);
    boolean fresh =
        lastCheck != null
            && Timestamps.elapsed(lastCheck, now).compareTo(settings.healthCheckInterval()) < 0;
    status.setLastCheckTime(Timestamps.format(unchanged && fresh ? lastCheck : now));
    Long generation = witness.getMetadata().getGeneration();
    status.setObservedGeneration(generation);

    ConditionSet conditions = new ConditionSet(previous.getConditions(), generation, now);
    if (issues) {
      String message =
          describe("stuck", polecats, PolecatPhase.Stuck)
              + describe("failed", polecats, PolecatPhase.Failed);
      conditions.set(
          PolecatStatuses.READY, ConditionSet.FALSE, "IssuesDetected", message.trim(), null);
    } else {
      conditions.set(
          PolecatStatuses.READY,
          ConditionSet.TRUE,
          "AllHealthy",
          "no stuck or failed polecats among " + summary.getTotal(),
          null);
    }
    if (!settings.problems().isEmpty()) {
      conditions.set(
          PolecatStatuses.DEGRADED,
          ConditionSet.TRUE,
          "InvalidSettings",
          String.join("; ", settings.problems()),
          null);
    } else if (issues) {
      conditions.set(
          PolecatStatuses.DEGRADED,
          ConditionSet.TRUE,
          summary.getStuck() > 0 ? "StuckPolecats" : "FailedPolecats",
          summary.getStuck() + " stuck, " + summary.getFailed() + " failed",
          null);
    } else {
      conditions.set(
          PolecatStatuses.DEGRADED,
          ConditionSet.FALSE,
          PolecatStatuses.AS_EXPECTED,
          "no stuck or failed polecats",
          null);
    }
    status.setConditions(conditions.build());
    return status;
  }

  private static String describe(String label, List<Polecat> polecats, PolecatPhase phase) {
    List<String> names =
        polecats.stream()
            .filter(p -> ConvoyStatuses.phase(p) == phase)
            .map(p -> p.getMetadata().getName())
            .sorted()
            .toList();
    if (names.isEmpty()) {
      return "";
    }
    String shown = String.join(", ", names.subList(0, Math.min(MAX_NAMES, names.size())));
    return names.size()
        + " "
        + label
        + " ("
        + shown
        + (names.size() > MAX_NAMES ? ", ..." : "")
        + ") ";
  }

  private static boolean sameSummary(PolecatsSummary a, PolecatsSummary b) {
    return a != null
        && b != null
        && a.getTotal() == b.getTotal()
        && a.getPending() == b.getPending()
        && a.getRunning() == b.getRunning()
        && a.getSucceeded() == b.getSucceeded()
        && a.getFailed() == b.getFailed()
        && a.getStuck() == b.getStuck();
  }
}
