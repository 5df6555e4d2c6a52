package io.gastown.status.model;

import static io.gastown.status.model.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gastown.model.Convoy;
import io.gastown.model.ConvoyPhase;
import io.gastown.model.ConvoySpec;
import io.gastown.model.ConvoyStatus;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvoyStatusesTest {

  @Test
  void noPolecatsYetIsPending() {
    ConvoyStatus status = ConvoyStatuses.compute(convoy("gt-1", "gt-2", "gt-3"), List.of(), NOW);

    assertThat(status.getPhase()).isEqualTo(ConvoyPhase.Pending);
    assertThat(status.getProgress()).isEqualTo("0/3");
    assertThat(status.getPendingBeads()).containsExactly("gt-1", "gt-2", "gt-3");
    assertThat(status.getStartedAt()).isNull();
  }

  @Test
  void progressCountsDoneBeads() {
    ConvoyStatus status =
        ConvoyStatuses.compute(
            convoy("gt-1", "gt-2", "gt-3"),
            List.of(
                polecat("a", "gt-1", PolecatPhase.Done, "2026-11-21T11:50:00Z"),
                polecat("b", "gt-2", PolecatPhase.Working, null),
                polecat("c", "gt-3", PolecatPhase.Done, "2026-11-21T11:55:00Z")),
            NOW);

    assertThat(status.getPhase()).isEqualTo(ConvoyPhase.InProgress);
    assertThat(status.getProgress()).isEqualTo("2/3");
    assertThat(status.getCompletedBeads()).containsExactly("gt-1", "gt-3");
    assertThat(status.getPendingBeads()).containsExactly("gt-2");
    assertThat(status.getFailedBeads()).isEmpty();
    assertThat(status.getCompletedAt()).isNull();
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Progressing").getMessage()).isEqualTo("2/3 beads done");
  }

  @Test
  void allDoneIsCompleteWhenTheLastFinished() {
    ConvoyStatus status =
        ConvoyStatuses.compute(
            convoy("gt-1", "gt-2", "gt-3"),
            List.of(
                polecat("a", "gt-1", PolecatPhase.Done, "2026-11-21T11:50:00Z"),
                polecat("b", "gt-2", PolecatPhase.Done, "2026-11-21T11:58:00Z"),
                polecat("c", "gt-3", PolecatPhase.Done, "2026-11-21T11:55:00Z")),
            NOW);

    assertThat(status.getPhase()).isEqualTo(ConvoyPhase.Complete);
    assertThat(status.getProgress()).isEqualTo("3/3");
    assertThat(status.getCompletedAt()).isEqualTo("2026-11-21T11:58:00Z");
    assertThat(condition(status, "Succeeded").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Succeeded").getLastTransitionTime())
        .isEqualTo("2026-11-21T11:58:00Z");
  }

  @Test
  void aFailedBeadWithNothingLeftToRunFailsTheConvoy() {
    List<Polecat> polecats =
        List.of(
            polecat("a", "gt-1", PolecatPhase.Done, "2026-11-21T11:50:00Z"),
            polecat("b", "gt-2", PolecatPhase.Failed, "2026-11-21T11:52:00Z"),
            polecat("c", "gt-3", PolecatPhase.Working, null));

    ConvoyStatus running = ConvoyStatuses.compute(convoy("gt-1", "gt-2", "gt-3"), polecats, NOW);
    assertThat(running.getPhase()).isEqualTo(ConvoyPhase.InProgress);
    assertThat(running.getFailedBeads()).containsExactly("gt-2");
    assertThat(condition(running, "Degraded").getStatus()).isEqualTo("True");

    polecats.get(2).getStatus().setPhase(PolecatPhase.Done);
    polecats.get(2).getStatus().setCompletedAt("2026-11-21T11:59:00Z");
    ConvoyStatus failed = ConvoyStatuses.compute(convoy("gt-1", "gt-2", "gt-3"), polecats, NOW);
    assertThat(failed.getPhase()).isEqualTo(ConvoyPhase.Failed);
    assertThat(failed.getProgress()).isEqualTo("2/3");
    assertThat(condition(failed, "Succeeded").getStatus()).isEqualTo("False");
  }

  @Test
  void aFailedBeadSlungAgainIsPendingOnceMore() {
    ConvoyStatus status =
        ConvoyStatuses.compute(
            convoy("gt-1"),
            List.of(
                polecat("a", "gt-1", PolecatPhase.Failed, "2026-11-21T11:50:00Z"),
                polecat("b", "gt-1", PolecatPhase.Pending, null)),
            NOW);

    assertThat(status.getPhase()).isEqualTo(ConvoyPhase.InProgress);
    assertThat(status.getPendingBeads()).containsExactly("gt-1");
    assertThat(status.getFailedBeads()).isEmpty();
  }

  @Test
  void onlyPolecatsOfTheConvoysRigCountAndDuplicateBeadsCountOnce() {
    Polecat otherRig = polecat("x", "gt-1", PolecatPhase.Done, "2026-11-21T11:50:00Z");
    otherRig.getSpec().setRig("elsewhere");

    ConvoyStatus status =
        ConvoyStatuses.compute(convoy("gt-1", "gt-1", "gt-2"), List.of(otherRig), NOW);

    assertThat(status.getProgress()).isEqualTo("0/2");
    assertThat(status.getPhase()).isEqualTo(ConvoyPhase.Pending);
  }

  @Test
  void aPolecatWithoutStatusYetIsStartingAndStartsTheConvoy() {
    Polecat fresh = Fixtures.polecat("a", "gt-1", DesiredState.Working);

    ConvoyStatus status = ConvoyStatuses.compute(convoy("gt-1"), List.of(fresh), NOW);

    assertThat(status.getPhase()).isEqualTo(ConvoyPhase.InProgress);
    assertThat(status.getStartedAt()).isEqualTo("2026-11-21T11:55:00Z");
  }

  @Test
  void recomputingWithTheStoredStatusChangesNothing() {
    Convoy convoy = convoy("gt-1", "gt-2");
    List<Polecat> polecats =
        List.of(
            polecat("a", "gt-1", PolecatPhase.Done, "2026-11-21T11:50:00Z"),
            polecat("b", "gt-2", PolecatPhase.Done, "2026-11-21T11:51:00Z"));
    convoy.setStatus(ConvoyStatuses.compute(convoy, polecats, NOW));

    ConvoyStatus later = ConvoyStatuses.compute(convoy, polecats, NOW.plusSeconds(600));

    assertThat(Statuses.same(convoy.getStatus(), later)).isTrue();
  }

  static Convoy convoy(String... beads) {
    Convoy convoy = new Convoy();
    convoy.setMetadata(
        new ObjectMetaBuilder()
            .withName("cv-1")
            .withNamespace(Fixtures.NAMESPACE)
            .withGeneration(1L)
            .build());
    ConvoySpec spec = new ConvoySpec();
    spec.setDescription("three beads");
    spec.setTrackedBeads(List.of(beads));
    spec.setRigRef("demo");
    convoy.setSpec(spec);
    return convoy;
  }

  static Polecat polecat(String name, String bead, PolecatPhase phase, String completedAt) {
    Polecat polecat = Fixtures.polecat(name, bead, DesiredState.Working);
    PolecatStatus status = new PolecatStatus();
    status.setPhase(phase);
    status.setStartedAt("2026-11-21T11:30:00Z");
    status.setCompletedAt(completedAt);
    polecat.setStatus(status);
    return polecat;
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(
      ConvoyStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }
}
