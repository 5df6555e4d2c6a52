package io.gastown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gastown.model.Convoy;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.validation.PolecatBudget.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Rig's maxPolecats and a Convoy's parallelism, counted over the polecats that hold a slot. */
class PolecatBudgetTest {
  static final String NS = "gt-shop";

  @Test
  void aRigWithAFreeSlotAdmits() {
    assertThat(
            PolecatBudget.refusal(
                slot("nux", "gt-4"),
                rig(3),
                List.of(),
                List.of(slot("furiosa", "gt-1"), slot("ace", "gt-2"))))
        .isEmpty();
  }

  @Test
  void aFullRigRefusesNamingTheLimitWhereItIsSetAndWhoHoldsIt() {
    assertThat(
            PolecatBudget.refusal(
                slot("nux", "gt-4"),
                rig(3),
                List.of(),
                List.of(slot("furiosa", "gt-1"), slot("capable", "gt-3"), slot("ace", "gt-2"))))
        .contains(
            "waiting for a slot: rig shop allows 3 polecats at once (spec.settings.maxPolecats); 3 are "
                + "running: ace, capable, furiosa; the Job controller creates the Pod again, and it is admitted once one "
                + "of them finishes");
  }

  @Test
  void aRigWithoutMaxPolecatsHasNoLimit() {
    List<Slot> many = IntStream.range(0, 200).mapToObj(i -> slot("p" + i, "gt-" + i)).toList();
    Rig unlimited = rig(3);
    unlimited.getSpec().setSettings(null);
    assertThat(PolecatBudget.refusal(slot("nux", "gt-999"), unlimited, List.of(), many)).isEmpty();
    assertThat(PolecatBudget.refusal(slot("nux", "gt-999"), null, List.of(), many)).isEmpty();
    assertThat(PolecatBudget.limited(slot("nux", "gt-999"), unlimited, List.of())).isFalse();
  }

  @Test
  void onlyTheRigsOwnPolecatsCount() {
    Slot otherRig = new Slot("gt-garage", "slit", "garage", "gt-9");
    assertThat(PolecatBudget.refusal(slot("nux", "gt-4"), rig(1), List.of(), List.of(otherRig)))
        .isEmpty();
  }

  @Test
  void thePolecatNeverWaitsForItselfAndAPolecatWithTwoPodsCountsOnce() {
    assertThat(
            PolecatBudget.refusal(
                slot("nux", "gt-4"), rig(1), List.of(), List.of(slot("nux", "gt-4"))))
        .isEmpty();
    assertThat(
            PolecatBudget.refusal(
                slot("nux", "gt-4"),
                rig(2),
                List.of(),
                List.of(slot("ace", "gt-2"), slot("ace", "gt-2"))))
        .isEmpty();
  }

  @Test
  void aFullConvoyRefusesAPolecatOfItsBeadsEvenWhenTheRigHasRoom() {
    Convoy convoy = convoy("cv-login", 2, "gt-1", "gt-2", "gt-3", "gt-4");
    List<Slot> holding =
        List.of(slot("furiosa", "gt-1"), slot("ace", "gt-2"), slot("slit", "gt-77"));
    assertThat(PolecatBudget.refusal(slot("nux", "gt-4"), rig(8), List.of(convoy), holding))
        .contains(
            "waiting for a slot: convoy gt-shop/cv-login allows 2 polecats at once (spec.parallelism); 2 are "
                + "running: ace, furiosa; the Job controller creates the Pod again, and it is admitted once one of them "
                + "finishes");
    // A polecat whose bead the convoy does not track is not held back by it.
    assertThat(PolecatBudget.refusal(slot("toast", "gt-50"), rig(8), List.of(convoy), holding))
        .isEmpty();
  }

  @Test
  void aConvoyWithParallelismZeroOrInAnotherNamespaceDoesNotLimit() {
    List<Slot> holding = List.of(slot("furiosa", "gt-1"));
    assertThat(
            PolecatBudget.refusal(
                slot("nux", "gt-4"), null, List.of(convoy("cv-a", 0, "gt-1", "gt-4")), holding))
        .isEmpty();
    Convoy elsewhere = convoy("cv-b", 1, "gt-1", "gt-4");
    elsewhere.getMetadata().setNamespace("gt-garage");
    assertThat(PolecatBudget.refusal(slot("nux", "gt-4"), null, List.of(elsewhere), holding))
        .isEmpty();
    assertThat(PolecatBudget.limited(slot("nux", "gt-4"), null, List.of(elsewhere))).isFalse();
  }

  @Test
  void theRigsLimitIsCheckedBeforeTheConvoysAndOneHolderIsNamedInTheSingular() {
    Convoy convoy = convoy("cv-login", 1, "gt-1", "gt-4");
    assertThat(
            PolecatBudget.refusal(
                slot("nux", "gt-4"), rig(1), List.of(convoy), List.of(slot("furiosa", "gt-1"))))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith(
                        "waiting for a slot: rig shop allows 1 "
                            + "polecat at once (spec.settings.maxPolecats); 1 is running: furiosa;"));
  }

  @Test
  void aLongListOfHoldersIsCutAfterTen() {
    List<Slot> holding = new ArrayList<>();
    IntStream.range(10, 35).forEach(i -> holding.add(slot("p" + i, "gt-" + i)));
    assertThat(PolecatBudget.refusal(slot("nux", "gt-4"), rig(25), List.of(), holding))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains(
                        "25 are running: p10, p11, p12, p13, p14, p15, p16, p17, p18, p19 and 15 more;"));
  }

  @Test
  void slingsCountFitsTheLimitExactly() {
    PolecatBudget.Limit limit = PolecatBudget.ofRig(rig(3)).orElseThrow();
    assertThat(PolecatBudget.fits(limit, 2, 1)).isTrue();
    assertThat(PolecatBudget.fits(limit, 2, 2)).isFalse();
    assertThat(PolecatBudget.fits(limit, 0, 3)).isTrue();
  }

  @Test
  void aPodHoldsASlotUntilItFinishesOrIsDeleted() {
    assertThat(PolecatBudget.holdsSlot(pod(null, false))).isTrue();
    assertThat(PolecatBudget.holdsSlot(pod("Pending", false))).isTrue();
    assertThat(PolecatBudget.holdsSlot(pod("Running", false))).isTrue();
    assertThat(PolecatBudget.holdsSlot(pod("Unknown", false))).isTrue();
    assertThat(PolecatBudget.holdsSlot(pod("Succeeded", false))).isFalse();
    assertThat(PolecatBudget.holdsSlot(pod("Failed", false))).isFalse();
    assertThat(PolecatBudget.holdsSlot(pod("Running", true))).isFalse();
  }

  @Test
  void aPodsSlotComesFromItsLabels() {
    assertThat(Slot.of(pod("Running", false))).contains(new Slot(NS, "furiosa", "shop", "gt-1"));
    assertThat(Slot.of(new PodBuilder().withNewMetadata().withName("x").endMetadata().build()))
        .isEqualTo(Optional.empty());
  }

  static Slot slot(String polecat, String bead) {
    return new Slot(NS, polecat, "shop", bead);
  }

  static Pod pod(String phase, boolean deleting) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("polecat-furiosa-x")
        .withNamespace(NS)
        .addToLabels("gastown.io/polecat", "furiosa")
        .addToLabels("gastown.io/rig", "shop")
        .addToLabels("gastown.io/bead", "gt-1")
        .withDeletionTimestamp(deleting ? "2026-01-01T00:00:00Z" : null)
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  static Rig rig(int maxPolecats) {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata: {name: shop}
        spec:
          gitURL: git@github.com:acme/shop.git
          beadsPrefix: gt
          settings: {maxPolecats: %d}
        """
            .formatted(maxPolecats),
        Rig.class);
  }

  static Convoy convoy(String name, int parallelism, String... beads) {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Convoy
        metadata: {name: %s, namespace: %s}
        spec:
          description: Login overhaul
          trackedBeads: [%s]
          rigRef: shop
          parallelism: %d
        """
            .formatted(name, NS, String.join(", ", beads), parallelism),
        Convoy.class);
  }
}
