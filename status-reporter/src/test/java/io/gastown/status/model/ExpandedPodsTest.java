package io.gastown.status.model;

import static io.gastown.status.model.Fixtures.minutesAgo;
import static io.gastown.status.model.Fixtures.terminated;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatStatus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reporter reads every Pod the expansion makes (each golden case of the generator): it finds
 * the agent container, the work branch and the phase, whatever the agent. A change of the Pod's
 * shape that the reporter cannot read fails here.
 */
class ExpandedPodsTest {
  static List<ExpandedPods.Case> cases() {
    return ExpandedPods.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aRunningExpandedPodIsWorkingOnItsBranch(ExpandedPods.Case c) {
    Pod pod = kubeletRuns(c, false);

    PolecatStatus status =
        PolecatStatuses.compute(Fixtures.observe(polecat(c), Fixtures.job().build(), List.of(pod)));

    assertThat(PodFacts.agentContainerName(pod)).isEqualTo(agentContainer(c));
    assertThat(status.getPhase()).isEqualTo(PolecatPhase.Working);
    assertThat(status.getBranch()).isEqualTo(workBranchEnv(c)).isNotBlank();
    assertThat(status.getConditions())
        .filteredOn(condition -> condition.getType().equals("Ready"))
        .singleElement()
        .as("working since the agent container started")
        .satisfies(ready -> assertThat(ready.getLastTransitionTime()).isEqualTo(minutesAgo(2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFailedAgentIsNamedInTheMessage(ExpandedPods.Case c) {
    Pod pod = kubeletRuns(c, true);

    PolecatStatus status =
        PolecatStatuses.compute(Fixtures.observe(polecat(c), Fixtures.job().build(), List.of(pod)));

    assertThat(status.getPhase()).isEqualTo(PolecatPhase.Failed);
    assertThat(status.getMessage())
        .isEqualTo("container " + agentContainer(c) + " exited with code 1 (Error)");
  }

  private static Polecat polecat(ExpandedPods.Case c) {
    Polecat polecat =
        Fixtures.polecat(
            c.pod().getMetadata().getLabels().getOrDefault("gastown.io/polecat", Fixtures.NAME),
            "gt-1",
            DesiredState.Working);
    polecat.setSpec(c.polecat().getSpec());
    polecat.getSpec().setDesiredState(DesiredState.Working);
    return polecat;
  }

  /** The expanded Pod as the kubelet reports it: git-init done, the agent running (or exited 1). */
  private static Pod kubeletRuns(ExpandedPods.Case c, boolean failed) {
    String agent = agentContainer(c);
    return new PodBuilder(c.pod())
        .editMetadata()
        .withName("polecat-furiosa-abcde")
        .withCreationTimestamp(minutesAgo(4))
        .endMetadata()
        .withNewStatus()
        .withPhase(failed ? "Failed" : "Running")
        .withStartTime(minutesAgo(4))
        .withInitContainerStatuses(
            c.pod().getSpec().getInitContainers().stream()
                .map(i -> terminated(i.getName(), 0, "Completed", 4, 3))
                .toList())
        .withContainerStatuses(
            failed
                ? terminated(agent, 1, "Error", 2, 1)
                : new ContainerStatusBuilder()
                    .withName(agent)
                    .withImage(c.pod().getSpec().getContainers().get(0).getImage())
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt(minutesAgo(2))
                    .endRunning()
                    .endState()
                    .build())
        .endStatus()
        .build();
  }

  /** The expansion's one agent container. */
  private static String agentContainer(ExpandedPods.Case c) {
    assertThat(c.pod().getSpec().getContainers())
        .as("the expanded Pod has one container")
        .hasSize(1);
    return c.pod().getSpec().getContainers().get(0).getName();
  }

  private static String workBranchEnv(ExpandedPods.Case c) {
    return c.pod().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("GT_WORK_BRANCH"))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }
}
