package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refusals of POST /mutate/pods, each with the message a user sees in the Job's events. */
class PodAdmissionTest {
  static final StaticClusterView cluster = new StaticClusterView();
  static RunningWebhook webhook;

  @BeforeAll
  static void start() {
    webhook = RunningWebhook.start(cluster, PlatformConfig.defaults());
  }

  @AfterAll
  static void stop() {
    webhook.close();
  }

  @BeforeEach
  void reset() {
    cluster.polecats.clear();
    cluster.rigs.clear();
    cluster.secrets.clear();
    cluster.failure = null;
    cluster
        .with(Fixtures.polecat())
        .with(Fixtures.rig())
        .withSecrets(Fixtures.NAMESPACE, "git-ssh-key", "claude-home");
  }

  @Test
  void aPodForAnExistingPolecatIsExpanded() {
    AdmissionResponse response = mutate(Fixtures.podFromJob());
    assertThat(response.getAllowed()).isTrue();
    assertThat(
            Reviews.patched(Fixtures.podFromJob(), response).at("/spec/containers/0/name").asText())
        .isEqualTo("claude");
  }

  @Test
  void aPodForAMissingPolecatIsDenied() {
    cluster.polecats.clear();
    AdmissionResponse response = mutate(Fixtures.podFromJob());
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getCode()).isEqualTo(403);
    assertThat(response.getStatus().getMessage())
        .isEqualTo(
            "no Polecat furiosa in namespace gt-my-rig (named by "
                + "the Pod's label gastown.io/polecat): create the Polecat first; the Job controller creates the Pod again");
  }

  @Test
  void aPodWhoseRigLabelDiffersFromThePolecatsRigIsDenied() {
    Pod pod = Fixtures.podFromJob();
    pod.getMetadata().getLabels().put("gastown.io/rig", "other-rig");
    AdmissionResponse response = mutate(pod);
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getMessage())
        .isEqualTo(
            "the Pod's label gastown.io/rig=other-rig does not "
                + "match spec.rig=my-rig of Polecat gt-my-rig/furiosa: fix the Job's label or the Polecat");
  }

  @Test
  void aMissingSecretIsDeniedNamingEveryMissingSecret() {
    cluster.secrets.clear();
    cluster.withSecrets(Fixtures.NAMESPACE, "claude-home");
    assertThat(mutate(Fixtures.podFromJob()).getStatus().getMessage())
        .isEqualTo(
            "Secret git-ssh-key does not "
                + "exist in namespace gt-my-rig (referenced by Polecat gt-my-rig/furiosa or its Rig): create it, e.g. with "
                + "kubectl gt auth sync");
    cluster.secrets.clear();
    cluster.withSecrets("another-namespace", "git-ssh-key", "claude-home");
    assertThat(mutate(Fixtures.podFromJob()).getStatus().getMessage())
        .startsWith("Secrets git-ssh-key, " + "claude-home do not exist in namespace gt-my-rig");
  }

  @Test
  void aPolecatThatIsNotWorkingGetsNoPod() {
    Polecat idle = Fixtures.polecat();
    idle.getSpec().setDesiredState(DesiredState.Idle);
    cluster.with(idle);
    assertThat(mutate(Fixtures.podFromJob()).getStatus().getMessage())
        .isEqualTo("Polecat gt-my-rig/furiosa has desiredState Idle: set it to Working to run it");
  }

  @Test
  void podsThatAreNotPolecatsOrAlreadyExpandedPassUnchanged() {
    Pod other = Fixtures.podFromJob();
    other.getMetadata().getLabels().remove("gastown.io/polecat");
    AdmissionResponse response = mutate(other);
    assertThat(response.getAllowed()).isTrue();
    assertThat(response.getPatch()).isNull();

    Pod expanded = Fixtures.podFromJob();
    expanded.getMetadata().getAnnotations().put("gastown.io/expanded", "true");
    cluster.polecats.clear();
    assertThat(mutate(expanded).getAllowed()).isTrue();
  }

  @Test
  void aClusterReadFailureIsAn500SoThatFailurePolicyDecides() {
    cluster.failure = new IllegalStateException("apiserver unreachable");
    HttpResponse<String> http =
        webhook.post("/mutate/pods", Reviews.createPod(Fixtures.podFromJob()));
    assertThat(http.statusCode()).isEqualTo(500);
    assertThat(http.body()).isEqualTo("internal error; the webhook's log has the details\n");
    cluster.failure = null;
    assertThat(mutate(Fixtures.podFromJob()).getAllowed())
        .as("still serving after the error")
        .isTrue();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "a b",
        "x\"y",
        "a;rm -rf",
        "../other",
        "a/b",
        "x..y",
        "{{ .Values.name }}",
        "$(id)",
        "nul\u0000"
      })
  void aPolecatLabelThatIsNoNameIsDeniedNamingTheLabelBeforeAnyLookup(String value) {
    Pod pod = Fixtures.podFromJob();
    pod.getMetadata().getLabels().put("gastown.io/polecat", value);
    AdmissionResponse response = mutate(pod);
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getMessage())
        .as("names the label and its rule")
        .containsPattern(
            "(metadata.labels\\[gastown.io/polecat\\]: must be a label value"
                + "|the Pod's label gastown.io/polecat must be a DNS-1123 subdomain)");
  }

  @Test
  void anEmptyPolecatLabelIsDeniedAndListsNothing() {
    Pod pod = Fixtures.podFromJob();
    pod.getMetadata().getLabels().put("gastown.io/polecat", "");
    AdmissionResponse response = mutate(pod);
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getMessage())
        .isEqualTo(
            "the Pod's label gastown.io/polecat must not be empty "
                + "(got \"\"): name an existing Polecat");
  }

  @Test
  void aSeventyThousandCharacterLabelIsDeniedWithItsValueCut() {
    Pod pod = Fixtures.podFromJob();
    pod.getMetadata().getLabels().put("gastown.io/polecat", "x".repeat(70_000));
    AdmissionResponse response = mutate(pod);
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getMessage())
        .contains("... (70000 characters)")
        .hasSizeLessThan(600);
  }

  static AdmissionResponse mutate(Pod pod) {
    HttpResponse<String> http = webhook.post("/mutate/pods", Reviews.createPod(pod));
    assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
    return Reviews.response(http.body());
  }
}
