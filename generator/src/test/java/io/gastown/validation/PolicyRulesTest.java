package io.gastown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.expand.PlatformConfig;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import org.junit.jupiter.api.Test;

/**
 * The platform's and the Rig's policy: each refusal names the value, where it came from, the rule
 * and its limit.
 */
class PolicyRulesTest {
  static final PlatformConfig PLATFORM =
      PlatformConfig.fromYaml(
          """
      policy:
        allowedAgents: [claude-code, opencode]
        allowedImages: [ghcr.io/gastown/, registry.acme.io/agents/claude]
        maxActiveDeadlineSeconds: 7200
        maxResources: {cpu: "4", memory: 8Gi}
      """);

  @Test
  void aPolecatWithinThePolicyPasses() {
    assertThat(PolicyRules.check(polecat(""), rig(""), PLATFORM)).isEmpty();
    assertThat(PolicyRules.check(polecat(""), null, PlatformConfig.defaults())).isEmpty();
  }

  @Test
  void everyBreachIsNamedWithItsLimit() {
    Polecat polecat =
        polecat(
            """
          agent: aider
          agentConfig: {model: gpt-4o, image: docker.io/evil/aider:latest}
          kubernetes:
            activeDeadlineSeconds: 86400
            resources: {requests: {cpu: "8"}, limits: {cpu: "16", memory: 64Gi}}
        """);
    assertThat(PolicyRules.check(polecat, rig(""), PLATFORM))
        .map(Violation::toString)
        .containsExactly(
            "spec.agent: is not allowed by the platform policy (policy.allowedAgents: claude-code, opencode) (got \"aider\")",
            "spec.agentConfig.image: is not allowed by the platform policy (policy.allowedImages: ghcr.io/gastown/, "
                + "registry.acme.io/agents/claude) (got \"docker.io/evil/aider:latest\")",
            "spec.kubernetes.activeDeadlineSeconds: exceeds the platform policy (policy.maxActiveDeadlineSeconds: 7200) "
                + "(got 86400)",
            "spec.kubernetes.resources.requests.cpu: exceeds the platform policy (policy.maxResources.cpu: 4) (got 8)",
            "spec.kubernetes.resources.limits.cpu: exceeds the platform policy (policy.maxResources.cpu: 4) (got 16)",
            "spec.kubernetes.resources.limits.memory: exceeds the platform policy (policy.maxResources.memory: 8Gi) "
                + "(got 64Gi)");
  }

  @Test
  void theRigNarrowsThePlatformPolicyAndCannotWidenIt() {
    Rig narrow =
        rig(
            """
          policy: {allowedAgents: [claude-code], maxActiveDeadlineSeconds: 600}
        """);
    assertThat(
            PolicyRules.check(
                polecat("  agent: opencode\n  agentConfig: {model: m}\n"), narrow, PLATFORM))
        .map(Violation::toString)
        .containsExactly(
            "spec.agent: is not allowed by Rig my-rig's policy (spec.policy.allowedAgents: claude-code) "
                + "(got \"opencode\")",
            "the platform's activeDeadlineSeconds: exceeds Rig my-rig's policy (spec.policy.maxActiveDeadlineSeconds:"
                + " 600) (got 3600)");
    Rig wide =
        rig(
            """
          policy: {allowedAgents: [aider], maxActiveDeadlineSeconds: 999999}
        """);
    assertThat(
            PolicyRules.check(
                polecat("  agent: aider\n  agentConfig: {model: m}\n"), wide, PLATFORM))
        .map(Violation::toString)
        .containsExactly(
            "spec.agent: is not allowed by the platform policy "
                + "(policy.allowedAgents: claude-code, opencode) (got \"aider\")");
  }

  @Test
  void imagesMatchByPrefixByRepositoryOrByDigestAndNeverByTraversal() {
    assertThat(PolicyRules.imageAllowed("ghcr.io/gastown/agent:1", "ghcr.io/gastown/")).isTrue();
    assertThat(PolicyRules.imageAllowed("ghcr.io/gastown/agent:1", "ghcr.io/gastown")).isTrue();
    assertThat(PolicyRules.imageAllowed("ghcr.io/gastownevil/agent:1", "ghcr.io/gastown"))
        .isFalse();
    assertThat(
            PolicyRules.imageAllowed(
                "registry.acme.io/agents/claude:2", "registry.acme.io/agents/claude"))
        .isTrue();
    assertThat(
            PolicyRules.imageAllowed(
                "registry.acme.io/agents/claude-evil", "registry.acme.io/agents/claude"))
        .isFalse();
    assertThat(PolicyRules.imageAllowed("ghcr.io/gastown/../evil/x", "ghcr.io/gastown/")).isFalse();
    String digest = "sha256:" + "a".repeat(64);
    assertThat(PolicyRules.imageAllowed("any.io/agent@" + digest, digest)).isTrue();
    assertThat(PolicyRules.imageAllowed("any.io/agent:1", digest)).isFalse();
  }

  @Test
  void aMaximumNeedsALimit() {
    PlatformConfig platform = PlatformConfig.fromYaml("policy: {maxResources: {memory: 8Gi}}");
    Polecat polecat = polecat("  kubernetes: {resources: {requests: {memory: 1Gi}}}\n");
    assertThat(PolicyRules.check(polecat, null, platform))
        .map(Violation::toString)
        .containsExactly(
            "spec.kubernetes.resources.limits.memory: must be set: the platform policy (policy.maxResources.memory: "
                + "8Gi)");
  }

  @Test
  void aTypoInThePolicyIsNamed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PlatformConfig.fromYaml("policy: {allowedAgent: [aider]}"))
        .hasMessageStartingWith("platform config: unknown key 'allowedAgent'");
  }

  static Polecat polecat(String specExtra) {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: furiosa, namespace: gt-my-rig}
        spec:
          rig: my-rig
          beadID: gt-1
        """
            + specExtra,
        Polecat.class);
  }

  static Rig rig(String specExtra) {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata: {name: my-rig}
        spec:
          gitURL: git@github.com:acme/app.git
          beadsPrefix: gt
        """
            + specExtra,
        Rig.class);
  }
}
