package io.gastown.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.GtEnvironment;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rig's build, in-process for what kubectl gt writes, and through kubectl kustomize for anything else. */
class RigBuildTest {
  static final Path GOLDEN_REPOSITORY = Golden.root().resolve("kubectl-gt/src/test/golden/gitops");
  static final Path KUBECTL = Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.33");

  @Test
  void whatKubectlGtWritesIsBuiltInProcessExactlyAsKustomizeBuildsIt() throws IOException {
    Revision revision = revisionOf(GOLDEN_REPOSITORY);
    for (String rig : revision.rigs()) {
      List<JsonNode> inProcess = RigBuild.build(revision, rig, GtEnvironment.of(Map.of(), Path.of("/nonexistent")));
      assertThat(RigBuild.plainResources(revision, "rigs/" + rig, "rigs/" + rig + "/kustomization.yaml")).isNotNull();

      Revision patched = withFile(revision, "rigs/" + rig + "/kustomization.yaml",
          revision.text("rigs/" + rig + "/kustomization.yaml") + "commonAnnotations: {}\n");
      assertThat(RigBuild.plainResources(patched, "rigs/" + rig, "rigs/" + rig + "/kustomization.yaml")).isNull();
      List<JsonNode> kustomized = RigBuild.build(patched, rig, kubectl());

      assertThat(inProcess).as("rig %s (JSON objects: key order aside)", rig)
          .containsExactlyInAnyOrderElementsOf(kustomized);
    }
  }

  @Test
  void kustomizeRunsForKustomizationsThatDoMoreThanListFiles() {
    Revision revision = new Revision("0123456789abcdef", new TreeMap<>(Map.of(
        "rigs/x/kustomization.yaml", bytes("""
            resources: [cm.yaml]
            commonLabels: {team: blue}
            """),
        "rigs/x/cm.yaml", bytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"))));

    List<JsonNode> built = RigBuild.build(revision, "x", kubectl());

    assertThat(built).singleElement().satisfies(cm ->
        assertThat(cm.at("/metadata/labels/team").asText()).isEqualTo("blue"));
    assertThatThrownBy(() -> RigBuild.build(revision, "x", GtEnvironment.of(Map.of("PATH", "/nonexistent"),
        Path.of("/nonexistent"))))
        .hasMessage("rigs/x/kustomization.yaml does more than list files, so kustomize must build it: put kubectl "
            + "on PATH, or set KUBECTL to a kubectl >= 1.27");
  }

  @Test
  void aDirectoryWithoutKustomizationIsAPlainDirectoryOfManifests() {
    Revision revision = new Revision("0123456789abcdef", new TreeMap<>(Map.of(
        "rigs/x/b.yaml", bytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n"),
        "rigs/x/a.yml", bytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"),
        "rigs/x/README.md", bytes("not a manifest"),
        "rigs/x/sub/c.yaml", bytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"))));

    assertThat(RigBuild.build(revision, "x", GtEnvironment.of(Map.of(), Path.of("/nonexistent"))))
        .extracting(m -> m.at("/metadata/name").asText()).containsExactly("a", "b");
  }

  private static GtEnvironment kubectl() {
    String configured = System.getenv("KUBECTL");
    Path kubectl = configured != null && !configured.isBlank() ? Path.of(configured) : KUBECTL;
    assertThat(kubectl).as("kubectl (google-cloud-cli's kubectl.1.33, or $KUBECTL)").isExecutable();
    return GtEnvironment.of(Map.of("KUBECTL", kubectl.toString()), Path.of("/nonexistent"));
  }

  private static Revision revisionOf(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return new Revision("0123456789abcdef", files);
  }

  private static Revision withFile(Revision revision, String path, String text) {
    Map<String, byte[]> files = new TreeMap<>(revision.files());
    files.put(path, bytes(text));
    return new Revision(revision.commit(), files);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
