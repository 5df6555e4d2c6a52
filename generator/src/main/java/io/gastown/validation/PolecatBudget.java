package io.gastown.validation;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Convoy;
import io.gastown.model.GasTown;
import io.gastown.model.PodContract;
import io.gastown.model.Rig;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How many polecats may work at once, one rule for every place that counts them: a Rig's {@code
 * spec.settings.maxPolecats} and a Convoy's {@code spec.parallelism}. {@code kubectl gt sling}
 * counts the rig's polecats in git against the Rig's limit ({@link #fits}); the webhook counts the
 * polecats whose Pods hold a slot against the Rig's and the Convoys' limits before it admits a Pod
 * ({@link #refusal}). Pure.
 */
public final class PolecatBudget {
  /** At most this many holders are named in a refusal. */
  static final int NAMED_HOLDERS = 10;

  private PolecatBudget() {}

  /**
   * A limit on polecats at once.
   *
   * @param owner what sets it, e.g. {@code rig shop}
   * @param field where, e.g. {@code spec.settings.maxPolecats}
   * @param max how many at once
   */
  public record Limit(String owner, String field, int max) {
    /** e.g. "rig shop allows 3 polecats at once (spec.settings.maxPolecats)". */
    public String describe() {
      return owner
          + " allows "
          + max
          + (max == 1 ? " polecat" : " polecats")
          + " at once ("
          + field
          + ")";
    }
  }

  /**
   * A polecat holding a slot, or asking for one: from the labels of its Pod.
   *
   * @param namespace the Pod's namespace
   * @param polecat label {@code gastown.io/polecat}
   * @param rig label {@code gastown.io/rig}
   * @param bead label {@code gastown.io/bead}, or null
   */
  public record Slot(String namespace, String polecat, String rig, String bead) {
    /**
     * The slot a polecat Pod holds or asks for, from its labels; empty when it has no polecat
     * label.
     */
    public static Optional<Slot> of(Pod pod) {
      if (pod.getMetadata() == null || pod.getMetadata().getLabels() == null) {
        return Optional.empty();
      }
      Map<String, String> labels = pod.getMetadata().getLabels();
      String polecat = labels.get(GasTown.LABEL_POLECAT);
      return polecat == null
          ? Optional.empty()
          : Optional.of(
              new Slot(
                  pod.getMetadata().getNamespace(),
                  polecat,
                  labels.get(GasTown.LABEL_RIG),
                  labels.get(GasTown.LABEL_BEAD)));
    }

    boolean samePolecat(Slot other) {
      return Objects.equals(namespace, other.namespace) && Objects.equals(polecat, other.polecat);
    }
  }

  /** The Rig's {@code spec.settings.maxPolecats}, when it sets one. */
  public static Optional<Limit> ofRig(Rig rig) {
    if (rig == null
        || rig.getSpec() == null
        || rig.getSpec().getSettings() == null
        || rig.getSpec().getSettings().getMaxPolecats() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Limit(
            "rig " + rig.getMetadata().getName(),
            "spec.settings.maxPolecats",
            rig.getSpec().getSettings().getMaxPolecats()));
  }

  /** The Convoy's {@code spec.parallelism}, when it sets one (0 or unset: no limit). */
  public static Optional<Limit> ofConvoy(Convoy convoy) {
    Integer parallelism = convoy.getSpec() == null ? null : convoy.getSpec().getParallelism();
    if (parallelism == null || parallelism <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Limit(
            "convoy " + convoy.getMetadata().getNamespace() + "/" + convoy.getMetadata().getName(),
            "spec.parallelism",
            parallelism));
  }

  /**
   * Whether {@code adding} more polecats fit when {@code holding} already count against the limit.
   */
  public static boolean fits(Limit limit, int holding, int adding) {
    return (long) holding + adding <= limit.max();
  }

  /**
   * Whether a polecat's Pod holds a slot: it is neither Succeeded nor Failed, and not being
   * deleted.
   */
  public static boolean holdsSlot(Pod pod) {
    if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    String phase = pod.getStatus() != null ? pod.getStatus().getPhase() : null;
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  /**
   * Whether the Convoy's budget applies to the polecat: the Convoy is in its namespace and tracks
   * its bead.
   */
  public static boolean governs(Convoy convoy, Slot slot) {
    return slot.bead() != null
        && convoy.getSpec() != null
        && convoy.getSpec().getTrackedBeads() != null
        && Objects.equals(convoy.getMetadata().getNamespace(), slot.namespace())
        && convoy.getSpec().getTrackedBeads().contains(slot.bead());
  }

  /** Whether any budget applies to the polecat (when none does, nothing needs counting). */
  public static boolean limited(Slot asking, Rig rig, Collection<Convoy> convoys) {
    return ofRig(rig).isPresent()
        || convoys.stream()
            .anyMatch(convoy -> governs(convoy, asking) && ofConvoy(convoy).isPresent());
  }

  /**
   * Why the polecat may not start now, or empty when it may: its Rig's limit, then each Convoy that
   * tracks its bead (by name), counted over the polecats holding a slot. The asking polecat never
   * counts against itself, and a polecat holding more than one slot (a Pod being replaced) counts
   * once.
   *
   * @param asking the polecat whose Pod is to be admitted
   * @param rig its Rig, or null (no rig limit)
   * @param convoys the Convoys that may track its bead (those of other namespaces or beads are
   *     ignored)
   * @param holding the polecats holding a slot, of any rig
   * @return the refusal, starting with {@link PodContract#WAITING_FOR_A_SLOT}
   */
  public static Optional<String> refusal(
      Slot asking, Rig rig, Collection<Convoy> convoys, Collection<Slot> holding) {
    List<Slot> others =
        distinctPolecats(holding.stream().filter(slot -> !slot.samePolecat(asking)).toList());
    Optional<Limit> rigLimit = ofRig(rig);
    if (rigLimit.isPresent()) {
      List<Slot> ofRig =
          others.stream().filter(slot -> Objects.equals(slot.rig(), asking.rig())).toList();
      if (!fits(rigLimit.get(), ofRig.size(), 1)) {
        return Optional.of(refused(rigLimit.get(), ofRig));
      }
    }
    List<Convoy> governing =
        convoys.stream()
            .filter(convoy -> governs(convoy, asking))
            .sorted(Comparator.comparing(convoy -> convoy.getMetadata().getName()))
            .toList();
    for (Convoy convoy : governing) {
      Optional<Limit> limit = ofConvoy(convoy);
      if (limit.isPresent()) {
        Set<String> tracked = Set.copyOf(convoy.getSpec().getTrackedBeads());
        List<Slot> ofConvoy =
            others.stream()
                .filter(
                    slot ->
                        Objects.equals(slot.namespace(), asking.namespace())
                            && slot.bead() != null
                            && tracked.contains(slot.bead()))
                .toList();
        if (!fits(limit.get(), ofConvoy.size(), 1)) {
          return Optional.of(refused(limit.get(), ofConvoy));
        }
      }
    }
    return Optional.empty();
  }

  private static List<Slot> distinctPolecats(List<Slot> slots) {
    Map<String, Slot> byPolecat = new LinkedHashMap<>();
    slots.forEach(slot -> byPolecat.putIfAbsent(slot.namespace() + "/" + slot.polecat(), slot));
    return List.copyOf(byPolecat.values());
  }

  /**
   * "waiting for a slot: rig shop allows 3 polecats at once (spec.settings.maxPolecats); 3 are
   * running: a, b, c".
   */
  private static String refused(Limit limit, List<Slot> holders) {
    List<String> names = holders.stream().map(Slot::polecat).sorted().toList();
    String named =
        names.size() <= NAMED_HOLDERS
            ? String.join(", ", names)
            : String.join(", ", names.subList(0, NAMED_HOLDERS))
                + " and "
                + (names.size() - NAMED_HOLDERS)
                + " more";
    return PodContract.WAITING_FOR_A_SLOT
        + limit.describe()
        + "; "
        + names.size()
        + (names.size() == 1 ? " is" : " are")
        + " running"
        + (names.isEmpty() ? "" : ": " + named)
        + "; the Job controller creates the Pod again, and it is admitted once one of them finishes";
  }
}
