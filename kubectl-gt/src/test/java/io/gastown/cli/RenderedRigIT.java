package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.git.RepositoryState;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import io.gastown.testing.ControlPlaneExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rig as kubectl gt writes it (rig, slung polecats, a convoy) applied to a real kube-apiserver
 * the way Argo CD would: server-side apply, in sync-wave order. Every object is accepted by the CRD
 * schemas, and nothing is pruned.
 */
@ExtendWith(ControlPlaneExtension.class)
class RenderedRigIT {
  static final String FIELD_MANAGER = "rendered-rig-it";

  @TempDir Path directory;

  @Test
  void renderedRigAppliesInSyncWaveOrder(KubernetesClient client) {
    GitOpsFixture fixture = new GitOpsFixture(directory);
    fixture.ok("init");
    fixture.ok(
        "rig",
        "create",
        "it-render",
        "--git-url",
        "https://github.com/acme/shop.git",
        "--prefix",
        "itr",
        "--theme",
        "minerals");
    fixture.ok(
        "sling",
        "itr-1",
        "it-render",
        "--task",
        "Fix the login form.\nKeep the tests green.",
        "--work-branch",
        "fix/login");
    fixture.ok(
        "convoy",
        "create",
        "Login overhaul",
        "itr-2",
        "itr-3",
        "--sling",
        "--agent",
        "opencode",
        "--model",
        "qwen3-coder");

    List<JsonNode> manifests =
        RenderCommand.manifestsOf(
            RepositoryState.ofDirectory(fixture.repo),
            "it-render",
            "ghcr.io/gastown/polecat-agent:it");
    // Wave -1: the Namespace and the Rig; wave 0: everything else (a Polecat shares the wave of its
    // Job).
    assertThat(manifests)
        .extracting(m -> m.path("kind").asText())
        .startsWith("Namespace", "Rig")
        .containsExactlyInAnyOrder(
            "Namespace",
            "Rig",
            "Witness",
            "Convoy",
            "Polecat",
            "Polecat",
            "Polecat",
            "Job",
            "Job",
            "Job");

    List<HasMetadata> applied = new ArrayList<>();
    for (JsonNode manifest : manifests) {
      GenericKubernetesResource resource =
          Serialization.jsonMapper().convertValue(manifest, GenericKubernetesResource.class);
      applied.add(
          client.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
    }

    assertThat(applied)
        .hasSize(manifests.size())
        .allSatisfy(object -> assertThat(object.getMetadata().getUid()).isNotBlank());
    for (int i = 0; i < manifests.size(); i++) {
      JsonNode sent = manifests.get(i).path("spec");
      JsonNode stored = Serialization.jsonMapper().valueToTree(applied.get(i)).path("spec");
      assertThat(contains(stored, sent))
          .as(
              "%s %s kept every field it was given (nothing pruned)",
              manifests.get(i).path("kind").asText(), applied.get(i).getMetadata().getName())
          .isTrue();
    }

    Polecat furiosa =
        client.resources(Polecat.class).inNamespace("gt-it-render").withName("obsidian").get();
    assertThat(furiosa.getMetadata().getLabels())
        .containsEntry(GasTown.LABEL_POLECAT, "obsidian")
        .containsEntry(GasTown.LABEL_RIG, "it-render")
        .containsEntry(GasTown.LABEL_BEAD, "itr-1");
    assertThat(furiosa.getSpec().getKubernetes().getWorkBranch()).isEqualTo("fix/login");
    var job =
        client.batch().v1().jobs().inNamespace("gt-it-render").withName("polecat-obsidian").get();
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull();
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(GasTown.LABEL_POLECAT, "obsidian");
    assertThat(client.namespaces().withName("gt-it-render").get().getMetadata().getLabels())
        .containsEntry(GasTown.LABEL_NAMESPACE_OPT_IN, GasTown.NAMESPACE_OPT_IN_VALUE);
  }

  /**
   * Whether every field of {@code expected} is in {@code actual} with the same value (defaults may
   * be added).
   */
  static boolean contains(JsonNode actual, JsonNode expected) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (var it = expected.fields(); it.hasNext(); ) {
        var field = it.next();
        if (!actual.has(field.getKey())
            || !contains(actual.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!contains(actual.get(i), expected.get(i))) {
          return false;
        }
      }
      return true;
    }
    return expected.asText().equals(actual.asText());
  }
}
