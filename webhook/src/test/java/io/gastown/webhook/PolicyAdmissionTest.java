package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.Agent;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform and Rig policy at admission: a Polecat that breaks it is refused by /validate/polecats
 * naming the rule and the limit, and its Pod is never expanded.
 */
class PolicyAdmissionTest {
  static final StaticClusterView cluster = new StaticClusterView();
  static RunningWebhook webhook;

  @BeforeAll
  static void start() {
    webhook =
        RunningWebhook.start(
            cluster,
            PlatformConfig.fromYaml(
                """
        policy:
          allowedAgents: [claude-code, opencode]
          maxActiveDeadlineSeconds: 7200
        """));
  }

  @AfterAll
  static void stop() {
    webhook.close();
  }

  @BeforeEach
  void reset() {
    cluster.polecats.clear();
    cluster.rigs.clear();
    cluster.with(Fixtures.rig()).withAnySecret();
  }

  @Test
  void aPolecatWithinPolicyIsAllowedAndExpanded() {
    cluster.with(Fixtures.polecat());
    assertThat(validate(Fixtures.polecat()).getAllowed()).isTrue();
    assertThat(mutate().getAllowed()).isTrue();
  }

  @Test
  void aPolecatWithAnAgentThePlatformDoesNotAllowIsRefusedAndItsPodIsNotExpanded() {
    Polecat aider = Fixtures.polecat();
    aider.getSpec().setAgent(Agent.AIDER);
    aider
        .getSpec()
        .setAgentConfig(
            Serialization.readYaml("model: gpt-4o", io.gastown.model.AgentConfig.class));
    AdmissionResponse validation = validate(aider);
    assertThat(validation.getAllowed()).isFalse();
    assertThat(validation.getStatus().getCode()).isEqualTo(422);
    assertThat(validation.getStatus().getMessage())
        .isEqualTo(
            "Polecat gt-my-rig/furiosa is invalid: spec.agent: is "
                + "not allowed by the platform policy (policy.allowedAgents: claude-code, opencode) (got \"aider\")");

    cluster.with(aider);
    AdmissionResponse pod = mutate();
    assertThat(pod.getAllowed()).isFalse();
    assertThat(pod.getPatch()).isNull();
    assertThat(pod.getStatus().getMessage())
        .isEqualTo(
            "Polecat gt-my-rig/furiosa is refused by policy: spec.agent: "
                + "is not allowed by the platform policy (policy.allowedAgents: claude-code, opencode) (got \"aider\"); the "
                + "Pod is not expanded");
  }

  @Test
  void theRigsPolicyNarrowsThePlatformsAtPodAdmission() {
    Rig rig = Fixtures.rig();
    rig.getSpec()
        .setPolicy(
            Serialization.readYaml(
                "maxActiveDeadlineSeconds: 600", io.gastown.model.AdmissionPolicy.class));
    cluster.with(rig).with(Fixtures.polecat());
    assertThat(mutate().getStatus().getMessage())
        .contains(
            "the platform's activeDeadlineSeconds: exceeds Rig "
                + "my-rig's policy (spec.policy.maxActiveDeadlineSeconds: 600) (got 3600)");
  }

  @Test
  void retiringAPolecatIsNeverBlockedByPolicy() {
    Polecat aider = Fixtures.polecat();
    aider.getSpec().setAgent(Agent.AIDER);
    aider
        .getSpec()
        .setAgentConfig(
            Serialization.readYaml("model: gpt-4o", io.gastown.model.AgentConfig.class));
    aider.getSpec().setDesiredState(DesiredState.Terminated);
    assertThat(validate(aider).getAllowed()).isTrue();
  }

  static AdmissionResponse validate(Polecat polecat) {
    HttpResponse<String> http =
        webhook.post(
            "/validate/polecats",
            Reviews.create(polecat, Fixtures.NAMESPACE, "gastown.gastown.io", "polecats"));
    assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
    return Reviews.response(http.body());
  }

  static AdmissionResponse mutate() {
    HttpResponse<String> http =
        webhook.post("/mutate/pods", Reviews.createPod(Fixtures.podFromJob()));
    assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
    return Reviews.response(http.body());
  }
}
