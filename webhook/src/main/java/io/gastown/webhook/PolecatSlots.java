package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Convoy;
import io.gastown.model.Rig;
import io.gastown.validation.PolecatBudget;
import io.gastown.validation.PolecatBudget.Slot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The Rig's and the Convoys' budgets at Pod admission ({@link PolecatBudget} is the rule): a
 * polecat Pod is admitted only while a slot is free, counted over the rig's polecat Pods that hold
 * one in the informer cache (never a GET per request).
 *
 * <p>Two CREATEs at once must not both take the last slot. Decisions for one rig are therefore made
 * one at a time (a lock per rig), and each admitted Pod holds a <em>reservation</em> until the
 * cache shows it: the apiserver stores a Pod only after admission answers, so for a moment it is in
 * no cache. A reservation ends when a Pod of that polecat the cache did not hold at admission
 * appears (from then on the cache counts it), or after {@link #RESERVATION}, for a Pod that a later
 * admission step or the apiserver refused and that never appears.
 */
final class PolecatSlots {
  /**
   * Longest a reservation waits for its Pod to reach the cache: well past the apiserver's request
   * timeout.
   */
  static final Duration RESERVATION = Duration.ofSeconds(30);

  private final ClusterView cluster;
  private final LongSupplier nanoTime;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /** By rig, then by namespace/polecat: the Pods admitted and not yet seen in the cache. */
  private final Map<String, Map<String, Reservation>> reservations = new HashMap<>();

  /**
   * An admitted Pod not yet in the cache: the uids of the polecat's Pods the cache held when it was
   * admitted.
   */
  private record Reservation(Slot slot, Set<String> knownUids, long expiresAtNanos) {}

  PolecatSlots(ClusterView cluster) {
    this(cluster, System::nanoTime);
  }

  PolecatSlots(ClusterView cluster, LongSupplier nanoTime) {
    this.cluster = cluster;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes a slot for the expanded Pod, or says why none is free (the refusal names the budget, its
   * limit and who holds the slots). A Pod without the polecat and rig labels, or under no budget,
   * is let through uncounted.
   */
  Optional<String> claim(Pod expanded) {
    Optional<Slot> asking = Slot.of(expanded);
    if (asking.isEmpty() || asking.get().rig() == null) {
      return Optional.empty();
    }
    Slot slot = asking.get();
    Rig rig = cluster.rig(slot.rig()).orElse(null);
    List<Convoy> convoys = cluster.convoys(slot.namespace());
    if (!PolecatBudget.limited(slot, rig, convoys)) {
      return Optional.empty();
    }
    synchronized (locks.computeIfAbsent(slot.rig(), key -> new Object())) {
      List<Pod> pods = cluster.polecatPods(slot.rig());
      List<Slot> holding = new ArrayList<>();
      for (Pod pod : pods) {
        if (PolecatBudget.holdsSlot(pod)) {
          Slot.of(pod).ifPresent(holding::add);
        }
      }
      holding.addAll(pendingReservations(slot.rig(), pods));
      Optional<String> refusal = PolecatBudget.refusal(slot, rig, convoys, holding);
      if (refusal.isEmpty()) {
        reserve(slot, pods);
      }
      return refusal;
    }
  }

  /** The reservations of the rig whose Pods the cache does not show yet; the others are dropped. */
  private List<Slot> pendingReservations(String rig, List<Pod> pods) {
    synchronized (reservations) {
      Map<String, Reservation> ofRig = reservations.get(rig);
      if (ofRig == null) {
        return List.of();
      }
      long now = nanoTime.getAsLong();
      ofRig
          .values()
          .removeIf(
              reservation ->
                  now - reservation.expiresAtNanos() > 0
                      || uidsOf(reservation.slot(), pods).stream()
                          .anyMatch(uid -> !reservation.knownUids().contains(uid)));
      if (ofRig.isEmpty()) {
        reservations.remove(rig);
      }
      return ofRig.values().stream().map(Reservation::slot).toList();
    }
  }

  private void reserve(Slot slot, List<Pod> pods) {
    synchronized (reservations) {
      reservations
          .computeIfAbsent(slot.rig(), key -> new HashMap<>())
          .put(
              slot.namespace() + "/" + slot.polecat(),
              new Reservation(
                  slot, uidsOf(slot, pods), nanoTime.getAsLong() + RESERVATION.toNanos()));
    }
  }

  private static Set<String> uidsOf(Slot slot, List<Pod> pods) {
    return pods.stream()
        .filter(
            pod ->
                Slot.of(pod)
                    .filter(
                        other ->
                            Objects.equals(other.namespace(), slot.namespace())
                                && Objects.equals(other.polecat(), slot.polecat()))
                    .isPresent())
        .map(pod -> pod.getMetadata().getUid())
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }

  /** How many reservations wait for their Pods (for tests). */
  int reservations() {
    synchronized (reservations) {
      return reservations.values().stream().mapToInt(Map::size).sum();
    }
  }
}
