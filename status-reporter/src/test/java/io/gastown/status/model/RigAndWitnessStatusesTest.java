package io.gastown.status.model;

import static io.gastown.status.model.ConvoyStatusesTest.polecat;
import static io.gastown.status.model.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gastown.model.Convoy;
import io.gastown.model.ConvoyPhase;
import io.gastown.model.ConvoyStatus;
import io.gastown.model.Durations;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.Rig;
import io.gastown.model.RigPhase;
import io.gastown.model.RigStatus;
import io.gastown.model.Witness;
import io.gastown.model.WitnessPhase;
import io.gastown.model.WitnessSpec;
import io.gastown.model.WitnessStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RigAndWitnessStatusesTest {

  @Test
  void rigCountsPolecatsByPhaseAndActiveConvoys() {
    Rig rig = new Rig();
    rig.setMetadata(new ObjectMetaBuilder().withName("demo").withGeneration(2L).build());
    List<Polecat> polecats =
        List.of(
            polecat("a", "gt-1", PolecatPhase.Working, null),
            polecat("b", "gt-2", PolecatPhase.Working, null),
            polecat("c", "gt-3", PolecatPhase.Done, null));

    RigStatus status =
        RigStatuses.compute(
            rig,
            polecats,
            List.of(convoy(ConvoyPhase.InProgress), convoy(ConvoyPhase.Complete), convoy(null)),
            NOW);

    assertThat(status.getPhase()).isEqualTo(RigPhase.Ready);
    assertThat(status.getPolecatCount()).isEqualTo(3);
    assertThat(status.getPolecatsByPhase())
        .containsExactly(
            java.util.Map.entry("Pending", 0),
            java.util.Map.entry("Working", 2),
            java.util.Map.entry("Done", 1),
            java.util.Map.entry("Failed", 0),
            java.util.Map.entry("Stuck", 0),
            java.util.Map.entry("Terminated", 0),
            java.util.Map.entry("Idle", 0));
    assertThat(status.getActiveConvoys()).isEqualTo(2);
    assertThat(status.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void rigIsDegradedWhileAPolecatIsStuckOrFailed() {
    Rig rig = new Rig();
    rig.setMetadata(new ObjectMetaBuilder().withName("demo").build());

    RigStatus status =
        RigStatuses.compute(
            rig, List.of(polecat("a", "gt-1", PolecatPhase.Stuck, null)), List.of(), NOW);

    assertThat(status.getPhase()).isEqualTo(RigPhase.Degraded);
    assertThat(status.getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Degraded");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getMessage())
                  .isEqualTo("1 polecats (1 stuck, 0 failed), 0 active convoys");
            });
  }

  @Test
  void witnessSummarisesItsPolecats() {
    List<Polecat> polecats =
        List.of(
            polecat("a", "gt-1", PolecatPhase.Working, null),
            polecat("b", "gt-2", PolecatPhase.Stuck, null),
            polecat("c", "gt-3", PolecatPhase.Failed, null),
            polecat("d", "gt-4", PolecatPhase.Done, null),
            polecat("e", "gt-5", PolecatPhase.Pending, null),
            polecat("f", "gt-6", PolecatPhase.Idle, null));

    WitnessStatus status = WitnessStatuses.compute(witness("30s"), polecats, NOW);

    assertThat(status.getPhase()).isEqualTo(WitnessPhase.Degraded);
    assertThat(status.getPolecatsSummary())
        .satisfies(
            s -> {
              assertThat(s.getTotal()).isEqualTo(6);
              assertThat(s.getRunning()).isEqualTo(1);
              assertThat(s.getStuck()).isEqualTo(1);
              assertThat(s.getFailed()).isEqualTo(1);
              assertThat(s.getSucceeded()).isEqualTo(1);
              assertThat(s.getPending()).isEqualTo(1);
            });
    assertThat(status.getConditions().get(0).getMessage()).isEqualTo("1 stuck (b) 1 failed (c)");
    assertThat(status.getLastCheckTime()).isEqualTo("2026-11-21T12:00:00Z");
  }

  @Test
  void witnessIsActiveWhileWorkGoesOnAndPendingWhenIdle() {
    assertThat(
            WitnessStatuses.compute(
                    witness("30s"), List.of(polecat("a", "gt-1", PolecatPhase.Working, null)), NOW)
                .getPhase())
        .isEqualTo(WitnessPhase.Active);
    assertThat(
            WitnessStatuses.compute(
                    witness("30s"), List.of(polecat("a", "gt-1", PolecatPhase.Done, null)), NOW)
                .getPhase())
        .isEqualTo(WitnessPhase.Pending);
  }

  @Test
  void lastCheckTimeMovesOnlyWhenTheSummaryChangesOrAnIntervalPassed() {
    Witness witness = witness("30s");
    List<Polecat> polecats = List.of(polecat("a", "gt-1", PolecatPhase.Working, null));
    witness.setStatus(WitnessStatuses.compute(witness, polecats, NOW));

    WitnessStatus soon = WitnessStatuses.compute(witness, polecats, NOW.plusSeconds(10));
    assertThat(Statuses.same(witness.getStatus(), soon)).isTrue();

    WitnessStatus afterInterval = WitnessStatuses.compute(witness, polecats, NOW.plusSeconds(31));
    assertThat(afterInterval.getLastCheckTime()).isEqualTo("2026-11-21T12:00:31Z");

    WitnessStatus changed =
        WitnessStatuses.compute(
            witness, List.of(polecat("a", "gt-1", PolecatPhase.Done, null)), NOW.plusSeconds(5));
    assertThat(changed.getLastCheckTime()).isEqualTo("2026-11-21T12:00:05Z");
  }

  @Test
  void unreadableWitnessSettingsDegradeTheWitnessAndFallBackToDefaults() {
    Witness witness = witness("soon");

    WitnessStatus status = WitnessStatuses.compute(witness, List.of(), NOW);

    assertThat(status.getPhase()).isEqualTo(WitnessPhase.Degraded);
    assertThat(status.getConditions().get(1).getReason()).isEqualTo("InvalidSettings");
    assertThat(status.getConditions().get(1).getMessage())
        .isEqualTo(
            "spec.healthCheckInterval: 'soon' is not a "
                + "duration; write e.g. 30s, 5m or 1h30m (using the default 30s)");
    assertThat(WitnessSettings.of(witness).healthCheckInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void witnessSettingsComeFromTheRigsWitnessElseDefaults() {
    Witness first = witness("5s");
    first.getMetadata().setName("a-witness");
    first.getSpec().setStuckThreshold("2m");
    first.getSpec().setPendingThreshold("45s");
    Witness second = witness("10s");
    second.getMetadata().setName("b-witness");

    assertThat(WitnessSettings.of(WitnessSettings.governing(List.of(second, first), "demo")))
        .isEqualTo(
            new WitnessSettings(
                Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofSeconds(45), List.of()));
    assertThat(WitnessSettings.of(WitnessSettings.governing(List.of(second, first), "other")))
        .isEqualTo(WitnessSettings.DEFAULTS);
    assertThat(WitnessSettings.DEFAULTS.stuckThreshold()).isEqualTo(Duration.ofMinutes(15));
    assertThat(WitnessSettings.DEFAULTS.pendingThreshold()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void durationsReadAndWriteGoStyle() {
    assertThat(Durations.parse("f", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("f", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Durations.parse("spec.stuckThreshold", "15 minutes"))
        .hasMessage(
            "spec.stuckThreshold: '15 minutes' is not a duration; write e.g. 30s, 5m or 1h30m");
  }

  private static Witness witness(String interval) {
    Witness witness = new Witness();
    witness.setMetadata(
        new ObjectMetaBuilder()
            .withName("demo-witness")
            .withNamespace(Fixtures.NAMESPACE)
            .withGeneration(1L)
            .build());
    WitnessSpec spec = new WitnessSpec();
    spec.setRigRef("demo");
    spec.setHealthCheckInterval(interval);
    witness.setSpec(spec);
    return witness;
  }

  private static Convoy convoy(ConvoyPhase phase) {
    Convoy convoy = new Convoy();
    convoy.setMetadata(
        new ObjectMetaBuilder().withName("cv").withNamespace(Fixtures.NAMESPACE).build());
    if (phase != null) {
      ConvoyStatus status = new ConvoyStatus();
      status.setPhase(phase);
      convoy.setStatus(status);
    }
    return convoy;
  }
}
