package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /validate/<plural>: every error with path, value and rule; immutable fields; wrong kinds.
 */
class ValidateEndpointTest {
  static RunningWebhook webhook;

  @BeforeAll
  static void start() {
    webhook = RunningWebhook.start(new StaticClusterView(), PlatformConfig.defaults());
  }

  @AfterAll
  static void stop() {
    webhook.close();
  }

  @Test
  void aValidPolecatIsAllowed() {
    assertThat(
            validate(
                    "polecats",
                    Reviews.create(
                        Fixtures.polecat(), Fixtures.NAMESPACE, "gastown.gastown.io", "polecats"))
                .getAllowed())
        .isTrue();
  }

  @Test
  void anInvalidPolecatIsRefusedWithEveryError() {
    Polecat polecat =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: furiosa, namespace: gt-my-rig}
        spec:
          rig: My_Rig
          beadID: "gt-1; rm -rf /"
          agent: custom
          kubernetes:
            gitBranch: main
            workBranch: main
            resources:
              requests: {cpu: "4"}
              limits: {cpu: "2"}
        """,
            Polecat.class);
    AdmissionResponse response =
        validate(
            "polecats",
            Reviews.create(polecat, Fixtures.NAMESPACE, "gastown.gastown.io", "polecats"));
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getCode()).isEqualTo(422);
    assertThat(response.getStatus().getMessage())
        .startsWith("Polecat gt-my-rig/furiosa is invalid: ")
        .contains("spec.rig: must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (got \"My_Rig\")")
        .contains("spec.beadID: must match")
        .contains("(got \"gt-1; rm -rf /\")")
        .contains("spec.kubernetes.workBranch: must differ from spec.kubernetes.gitBranch")
        .contains("spec.kubernetes.resources.requests.cpu: must not exceed the limit 2 (got 4)")
        .contains("spec.agentConfig.command: is required for agent custom");
  }

  @Test
  void theRigOfAPolecatAndThePrefixOfARigCannotChange() {
    Polecat was = Fixtures.polecat();
    Polecat is = Fixtures.polecat();
    is.getSpec().setRig("other-rig");
    AdmissionResponse polecat =
        validate(
            "polecats",
            Reviews.update(is, was, Fixtures.NAMESPACE, "gastown.gastown.io", "polecats"));
    assertThat(polecat.getAllowed()).isFalse();
    assertThat(polecat.getStatus().getMessage())
        .isEqualTo(
            "Polecat gt-my-rig/furiosa is invalid: spec.rig: is "
                + "immutable (was \"my-rig\"): create a new Polecat instead (got \"other-rig\")");

    Rig oldRig = Fixtures.rig();
    Rig newRig = Fixtures.rig();
    newRig.getSpec().setBeadsPrefix("mr");
    AdmissionResponse rig =
        validate("rigs", Reviews.update(newRig, oldRig, null, "gastown.gastown.io", "rigs"));
    assertThat(rig.getAllowed()).isFalse();
    assertThat(rig.getStatus().getMessage())
        .contains("spec.beadsPrefix: is immutable (was \"gt\")");

    Polecat working = Fixtures.polecat();
    working.getSpec().setTaskDescription("Another task");
    assertThat(
            validate(
                    "polecats",
                    Reviews.update(
                        working, was, Fixtures.NAMESPACE, "gastown.gastown.io", "polecats"))
                .getAllowed())
        .as("other fields may change")
        .isTrue();
  }

  @Test
  void everyGasTownKindHasAnEndpoint() {
    for (String plural :
        new String[] {"polecats", "rigs", "convoys", "witnesses", "refineries", "beadstores"}) {
      HttpResponse<String> http = webhook.post("/validate/" + plural, "{}");
      assertThat(http.statusCode()).as(plural).isEqualTo(400);
      assertThat(http.body()).as(plural).startsWith("not an AdmissionReview");
    }
  }

  @Test
  void anUnknownKindOrAnObjectOfAnotherKindIsABadRequest() {
    HttpResponse<String> unknown = webhook.post("/validate/pods", "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .isEqualTo(
            "unknown kind 'pods': use one of beadstores, convoys, polecats, "
                + "refineries, rigs, witnesses\n");

    HttpResponse<String> wrongKind =
        webhook.post(
            "/validate/rigs",
            Reviews.create(
                Fixtures.polecat(), Fixtures.NAMESPACE, "gastown.gastown.io", "polecats"));
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(wrongKind.body())
        .isEqualTo("this endpoint validates Rig objects, the request holds Polecat\n");
  }

  static AdmissionResponse validate(String plural, String review) {
    HttpResponse<String> http = webhook.post("/validate/" + plural, review);
    assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
    return Reviews.response(http.body());
  }

  static String review(HasMetadata object) {
    return Reviews.create(
        object, object.getMetadata().getNamespace(), "gastown.gastown.io", "polecats");
  }
}
