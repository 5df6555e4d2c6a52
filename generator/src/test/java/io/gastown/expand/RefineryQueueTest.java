package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gastown.model.Convoy;
import io.gastown.model.ConvoySpec;
import io.gastown.model.MergeResult;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.Refinery;
import io.gastown.model.RefinerySpec;
import io.gastown.model.Rig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which work branches a merge run is given, and in which order. */
class RefineryQueueTest {
  private final Rig rig = RefineryRuns.rig("https://git.example.com/acme/shop.git");
  private final Refinery refinery = RefineryRuns.refinery(rig, new RefinerySpec());

  @Test
  void donePolecatsOldestFirstAndNothingElse() {
    Polecat working = RefineryRuns.done(rig, "slit", "gt-9", null, 0);
    working.getStatus().setPhase(PolecatPhase.Working);
    Polecat otherRig = RefineryRuns.done(rig, "dag", "gt-8", null, 0);
    otherRig.getSpec().setRig("other");

    List<RefineryQueue.Entry> queue =
        RefineryQueue.of(
            refinery,
            rig,
            List.of(
                RefineryRuns.done(rig, "nux", "gt-2", null, 5),
                working,
                otherRig,
                RefineryRuns.done(rig, "furiosa", "gt-1", "fix/login", 3)),
            List.of());

    assertThat(queue)
        .containsExactly(
            new RefineryQueue.Entry("furiosa", "fix/login"),
            new RefineryQueue.Entry("nux", "feature/gt-2"));
  }

  @Test
  void mergedConflictingAndRedPolecatsAreOutButAFailedPushIsTriedAgain() {
    List<Polecat> polecats =
        List.of(
            RefineryRuns.withCondition(
                RefineryRuns.done(rig, "a", "gt-1", null, 1),
                MergeResult.CONDITION,
                "True",
                MergeResult.REASON_MERGED),
            RefineryRuns.withCondition(
                RefineryRuns.done(rig, "b", "gt-2", null, 2),
                MergeResult.CONDITION,
                "False",
                MergeResult.REASON_CONFLICT),
            RefineryRuns.withCondition(
                RefineryRuns.done(rig, "c", "gt-3", null, 3),
                MergeResult.CONDITION,
                "False",
                MergeResult.REASON_TEST_FAILED),
            RefineryRuns.withCondition(
                RefineryRuns.done(rig, "d", "gt-4", null, 4),
                MergeResult.CONDITION,
                "False",
                MergeResult.REASON_FAILED));

    assertThat(RefineryQueue.of(refinery, rig, polecats, List.of()))
        .extracting(RefineryQueue.Entry::polecat)
        .containsExactly("d");
  }

  @Test
  void aConvoysPolecatsTakeTheirPlacesInTheConvoysOrder() {
    Convoy convoy = new Convoy();
    convoy.setMetadata(
        new ObjectMetaBuilder().withName("cv-login").withNamespace("gt-my-rig").build());
    ConvoySpec spec = new ConvoySpec();
    spec.setRigRef("my-rig");
    spec.setTrackedBeads(List.of("gt-3", "gt-1"));
    convoy.setSpec(spec);

    List<RefineryQueue.Entry> queue =
        RefineryQueue.of(
            refinery,
            rig,
            List.of(
                RefineryRuns.done(rig, "one", "gt-1", null, 1),
                RefineryRuns.done(rig, "two", "gt-2", null, 2),
                RefineryRuns.done(rig, "three", "gt-3", null, 3)),
            List.of(convoy));

    assertThat(queue)
        .extracting(RefineryQueue.Entry::polecat)
        .containsExactly("three", "two", "one");
  }

  @Test
  void theQueueTravelsOnThePodAndBack() {
    List<RefineryQueue.Entry> queue =
        List.of(
            new RefineryQueue.Entry("furiosa", "feature/gt-1"),
            new RefineryQueue.Entry("nux", "fix/a=b"));
    assertThat(RefineryQueue.fromAnnotation(RefineryQueue.annotation(queue))).isEqualTo(queue);
  }
}
