package io.gastown.status.model;

import io.gastown.model.Convoy;
import io.gastown.model.ConvoyPhase;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.Rig;
import io.gastown.model.RigPhase;
import io.gastown.model.RigStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Rig's status: its polecats counted by phase, its active convoys; Degraded while a polecat is
 * Stuck or Failed.
 */
public final class RigStatuses {
  private RigStatuses() {}

  /**
   * Computes the status.
   *
   * @param polecats the polecats whose {@code spec.rig} names the rig (all namespaces)
   * @param convoys the convoys whose {@code spec.rigRef} names the rig (all namespaces)
   */
  public static RigStatus compute(
      Rig rig, List<Polecat> polecats, List<Convoy> convoys, Instant now) {
    RigStatus previous = rig.getStatus() != null ? rig.getStatus() : new RigStatus();
    Map<String, Integer> byPhase = countByPhase(polecats);
    int stuck = byPhase.get(PolecatPhase.Stuck.name());
    int failed = byPhase.get(PolecatPhase.Failed.name());
    long active =
        convoys.stream()
            .filter(
                c -> {
                  ConvoyPhase phase = c.getStatus() != null ? c.getStatus().getPhase() : null;
                  return phase == null
                      || phase == ConvoyPhase.Pending
                      || phase == ConvoyPhase.InProgress;
                })
            .count();

    RigStatus status = new RigStatus();
    boolean degraded = stuck > 0 || failed > 0;
    status.setPhase(degraded ? RigPhase.Degraded : RigPhase.Ready);
    status.setPolecatCount(polecats.size());
    status.setPolecatsByPhase(byPhase);
    status.setActiveConvoys((int) active);
    Long generation = rig.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    String summary =
        polecats.size()
            + " polecats ("
            + stuck
            + " stuck, "
            + failed
            + " failed), "
            + active
            + " active convoys";
    ConditionSet conditions = new ConditionSet(previous.getConditions(), generation, now);
    conditions.set(
        PolecatStatuses.READY,
        degraded ? ConditionSet.FALSE : ConditionSet.TRUE,
        degraded ? "PolecatsNeedAttention" : "Ready",
        summary,
        null);
    conditions.set(
        PolecatStatuses.DEGRADED,
        degraded ? ConditionSet.TRUE : ConditionSet.FALSE,
        degraded ? "PolecatsNeedAttention" : PolecatStatuses.AS_EXPECTED,
        summary,
        null);
    status.setConditions(conditions.build());
    return status;
  }

  /**
   * Every phase, in the enum's order, with its count (zero included, so a count is never absent).
   */
  public static Map<String, Integer> countByPhase(List<Polecat> polecats) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (PolecatPhase phase : PolecatPhase.values()) {
      counts.put(phase.name(), 0);
    }
    for (Polecat polecat : polecats) {
      counts.merge(ConvoyStatuses.phase(polecat).name(), 1, Integer::sum);
    }
    return counts;
  }
}
