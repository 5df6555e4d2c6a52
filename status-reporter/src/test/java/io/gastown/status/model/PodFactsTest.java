package io.gastown.status.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodFactsTest {
  @Test
  void aTerminatedPolecatStopsItsUnfinishedPodsOnly() {
    Pod running = pod("running", "Running", false);
    Pod pending = pod("pending", "Pending", false);
    Pod done = pod("done", "Succeeded", false);
    Pod failed = pod("failed", "Failed", false);
    Pod deleting = pod("deleting", "Running", true);

    assertThat(
            PodFacts.toStop(
                polecat(DesiredState.Terminated),
                List.of(running, pending, done, failed, deleting)))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("running", "pending");
  }

  @Test
  void aWorkingOrIdlePolecatStopsNothing() {
    List<Pod> pods = List.of(pod("running", "Running", false));
    assertThat(PodFacts.toStop(polecat(DesiredState.Working), pods)).isEmpty();
    assertThat(PodFacts.toStop(polecat(DesiredState.Idle), pods)).isEmpty();
    assertThat(PodFacts.toStop(new Polecat(), pods))
        .as("no spec: the CRD default, Working")
        .isEmpty();
  }

  private static Polecat polecat(DesiredState state) {
    Polecat polecat = new Polecat();
    PolecatSpec spec = new PolecatSpec();
    spec.setDesiredState(state);
    polecat.setSpec(spec);
    return polecat;
  }

  private static Pod pod(String name, String phase, boolean deleting) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withDeletionTimestamp(deleting ? "2026-12-04T10:00:00Z" : null)
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }
}
