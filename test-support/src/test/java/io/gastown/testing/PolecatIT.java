package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Polecat CRD as the real apiserver enforces it. Uses {@link GenericKubernetesResource} so it
 * does not depend on the model classes; expected validation messages come from the installed CRD
 * itself.
 */
@ExtendWith(ControlPlaneExtension.class)
class PolecatIT {
  private static final String CRD = "polecats.gastown.gastown.io";

  private final KubernetesClient client;
  private String namespace;

  PolecatIT(KubernetesClient client, ControlPlaneInfo info) {
    this.client = client;
    assumeTrue(info.installedCrds().contains(CRD), "the Polecat CRD is not checked in yet");
  }

  @BeforeEach
  void createNamespace() {
    namespace = "polecat-it-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  @AfterEach
  void deleteNamespace() {
    client.namespaces().withName(namespace).delete();
  }

  @Test
  void aPolecatReadsBackEqual() {
    GenericKubernetesResource sent = polecat("furiosa", fullSpec());

    polecats().resource(sent).create();
    GenericKubernetesResource read = polecats().withName("furiosa").get();

    assertThat(read.getMetadata().getName()).isEqualTo("furiosa");
    assertThat(read.getMetadata().getLabels()).isEqualTo(Map.of("gastown.io/rig", "my-rig"));
    assertThat((Object) read.get("spec")).isEqualTo(sent.get("spec"));
    assertThat(read.getAdditionalProperties()).doesNotContainKey("status");
  }

  @Test
  void aStatusPatchChangesStatusButNotSpec() {
    polecats().resource(polecat("nux", fullSpec())).create();

    GenericKubernetesResource patched =
        polecats()
            .withName("nux")
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"desiredState\":\"Idle\"},\"status\":{\"phase\":\"Working\",\"podName\":\"nux-abc\"}}");

    GenericKubernetesResource read = polecats().withName("nux").get();
    assertThat(patched.<String>get("status", "phase")).isEqualTo("Working");
    assertThat(read.<String>get("status", "podName")).isEqualTo("nux-abc");
    assertThat(read.<String>get("spec", "desiredState")).isEqualTo("Working");
  }

  @Test
  void aSpecUpdateChangesSpecButNotStatus() {
    polecats().resource(polecat("slit", fullSpec())).create();
    polecats()
        .withName("slit")
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Working\"}}");

    polecats()
        .withName("slit")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"desiredState\":\"Idle\"},\"status\":{\"phase\":\"Done\"}}");

    GenericKubernetesResource read = polecats().withName("slit").get();
    assertThat(read.<String>get("spec", "desiredState")).isEqualTo("Idle");
    assertThat(read.<String>get("status", "phase")).isEqualTo("Working");
  }

  @Test
  void aRigNotMatchingThePatternIsRejectedWithThePattern() {
    String pattern = specSchema().getProperties().get("rig").getPattern();
    Map<String, Object> spec = fullSpec();
    spec.put("rig", "My_Rig");

    assertRejected(
        () -> polecats().resource(polecat("bad-rig", spec)).create(),
        "spec.rig",
        "\"My_Rig\"",
        "should match '" + pattern + "'");
  }

  @Test
  void aDesiredStateOutsideTheEnumIsRejectedWithTheSupportedValues() {
    List<String> supported =
        specSchema().getProperties().get("desiredState").getEnum().stream()
            .map(value -> "\"" + value.asText() + "\"")
            .toList();
    Map<String, Object> spec = fullSpec();
    spec.put("desiredState", "Sleeping");

    assertRejected(
        () -> polecats().resource(polecat("bad-state", spec)).create(),
        "spec.desiredState",
        "Unsupported value: \"Sleeping\"",
        String.join(", ", supported));
  }

  @Test
  void theRigCannotBeChangedAfterCreation() {
    String message =
        specSchema().getProperties().get("rig").getXKubernetesValidations().get(0).getMessage();
    polecats().resource(polecat("capable", fullSpec())).create();

    assertRejected(
        () ->
            polecats()
                .withName("capable")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"rig\":\"other-rig\"}}"),
        "spec.rig",
        message);
    assertThat(polecats().withName("capable").get().<String>get("spec", "rig")).isEqualTo("my-rig");
  }

  private static void assertRejected(Runnable write, String... messageParts) {
    assertThatThrownBy(write::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage()).contains(messageParts);
            });
  }

  private JSONSchemaProps specSchema() {
    return client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(CRD)
        .get()
        .getSpec()
        .getVersions()
        .get(0)
        .getSchema()
        .getOpenAPIV3Schema()
        .getProperties()
        .get("spec");
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      polecats() {
    return client
        .genericKubernetesResources("gastown.gastown.io/v1alpha1", "Polecat")
        .inNamespace(namespace);
  }

  /** Every field the CRD defaults is set, so what is read back must equal what was sent. */
  private static Map<String, Object> fullSpec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("rig", "my-rig");
    spec.put("beadID", "gt-123");
    spec.put("taskDescription", "Fix the flaky test in module webhook");
    spec.put("desiredState", "Working");
    spec.put("executionMode", "kubernetes");
    spec.put("agent", "claude-code");
    spec.put(
        "kubernetes",
        Map.of(
            "gitRepository", "https://git.example.com/team/repo.git",
            "gitBranch", "main",
            "workBranch", "feature/gt-123",
            "activeDeadlineSeconds", 3600));
    return spec;
  }

  private GenericKubernetesResource polecat(String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("gastown.gastown.io/v1alpha1")
        .withKind("Polecat")
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("gastown.io/rig", "my-rig")
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }
}
