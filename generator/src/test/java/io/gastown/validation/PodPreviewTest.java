package io.gastown.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.render.PolecatManifests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The preview pipeline on its own: what Argo CD's sync would meet before the Job makes a Pod, and
 * where the Pod goes. PreviewAgreesWithWebhookTest (e2e) holds it against the webhook on every
 * golden case.
 */
class PodPreviewTest {
  static final String POLECAT =
      """
      apiVersion: gastown.gastown.io/v1alpha1
      kind: Polecat
      metadata:
        name: furiosa
        namespace: gt-my-rig
      spec:
        rig: my-rig
        beadID: gt-1
        kubernetes:
          gitRepository: https://github.com/gastown/my-rig.git
          apiKeySecretRef: {name: anthropic-api-key, key: api-key}
      """;
  static final String RIG =
      """
      apiVersion: gastown.gastown.io/v1alpha1
      kind: Rig
      metadata:
        name: my-rig
      spec:
        gitURL: https://github.com/gastown/my-rig.git
        beadsPrefix: gt
      """;

  private final List<String> secretsAsked = new ArrayList<>();

  @Test
  void expandsThePodTheJobMakesAndAsksForItsSecrets() {
    Pod pod = preview(declared(polecat(), job(polecat()), rig(), null));

    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry(GasTown.ANNOTATION_EXPANDED, "true");
    assertThat(pod.getMetadata().getGenerateName()).isEqualTo("polecat-furiosa-");
    assertThat(secretsAsked).containsExactly("gt-my-rig/anthropic-api-key");
  }

  @Test
  void aJobWithoutNamespaceGoesWhereItsPolecatIs() {
    Job job = job(polecat());
    job.getMetadata().setNamespace(null);

    assertThat(preview(declared(polecat(), job, rig(), null)).getMetadata().getNamespace())
        .isEqualTo("gt-my-rig");
  }

  @Test
  void anInvalidRigIsRefusedAsArgoCdsSyncWouldBe() {
    Rig rig = rig();
    rig.getSpec().setBeadsPrefix("hq");

    assertThatThrownBy(() -> preview(declared(polecat(), job(polecat()), rig, null)))
        .isInstanceOf(AdmissionRefusal.class)
        .hasMessage(
            "Rig my-rig is invalid: spec.beadsPrefix: is reserved (hq, system and default are): choose "
                + "another prefix (got \"hq\")");
  }

  @Test
  void aJobWhosePodsAreNotPolecatPodsIsNamed() {
    Job job = job(polecat());
    job.getSpec().getTemplate().getMetadata().getLabels().remove(GasTown.LABEL_POLECAT);

    assertThatThrownBy(() -> preview(declared(polecat(), job, rig(), null)))
        .hasMessage(
            "the pod template of Job polecat-furiosa has no label gastown.io/polecat, so the webhook would "
                + "not expand its Pod: set spec.template.metadata.labels.gastown.io/polecat to furiosa (kubectl gt sling "
                + "writes it)");
  }

  @Test
  void aSystemNamespaceIsNeverExpanded() {
    Polecat polecat = polecat();
    polecat.getMetadata().setNamespace("kube-system");

    assertThatThrownBy(() -> preview(declared(polecat, job(polecat), rig(), null)))
        .hasMessageStartingWith("namespace kube-system is never sent to the webhook");
  }

  @Test
  void aDeclaredNamespaceMustBeOptedIn() {
    Namespace namespace =
        Serialization.readYaml(
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: gt-my-rig}\n", Namespace.class);

    assertThatThrownBy(() -> preview(declared(polecat(), job(polecat()), rig(), namespace)))
        .hasMessageStartingWith("Namespace gt-my-rig is not opted in to the webhook");
    namespace
        .getMetadata()
        .setLabels(
            new java.util.HashMap<>(
                java.util.Map.of(GasTown.LABEL_NAMESPACE_OPT_IN, GasTown.NAMESPACE_OPT_IN_VALUE)));
    assertThat(preview(declared(polecat(), job(polecat()), rig(), namespace))).isNotNull();
  }

  private Pod preview(PodPreview.Declared declared) {
    return PodPreview.preview(
        declared,
        PlatformConfig.defaults(),
        (namespace, name) -> {
          secretsAsked.add(namespace + "/" + name);
          return true;
        });
  }

  private static PodPreview.Declared declared(
      Polecat polecat, Job job, Rig rig, Namespace namespace) {
    return new PodPreview.Declared(polecat, job, rig, null, namespace);
  }

  private static Polecat polecat() {
    return Serialization.readYaml(POLECAT, Polecat.class);
  }

  private static Rig rig() {
    return Serialization.readYaml(RIG, Rig.class);
  }

  private static Job job(Polecat polecat) {
    try {
      return Serialization.jsonMapper()
          .treeToValue(
              PolecatManifests.documents(polecat, PlatformConfig.DEFAULT_IMAGE).get(1), Job.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
