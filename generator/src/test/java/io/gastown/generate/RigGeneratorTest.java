package io.gastown.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.render.Kustomization;
import io.gastown.render.Manifests;
import io.gastown.render.PolecatManifests;
import io.gastown.render.PolecatRequest;
import io.gastown.render.Polecats;
import io.gastown.render.RigManifests;
import io.gastown.render.Rigs;
import io.gastown.testing.SeedExamples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RigGeneratorTest {
  static final String IMAGE = "ghcr.io/gastown/polecat-agent:test";
  static final Rig SHOP =
      Rigs.create("shop", "git@github.com:acme/shop.git", "sh", null, null, null);

  /** A rig directory in memory: path relative to the rig directory to text. */
  static final class Files implements RigFiles {
    final Map<String, String> files = new TreeMap<>();

    Files put(String path, String text) {
      files.put(path, text);
      return this;
    }

    @Override
    public boolean exists(String path) {
      return files.containsKey(path);
    }

    @Override
    public String read(String path) {
      return files.get(path);
    }

    @Override
    public List<String> layoutFiles() {
      return files.keySet().stream()
          .filter(
              p -> p.equals("rig.yaml") || p.startsWith("convoys/") || p.startsWith("polecats/"))
          .sorted((a, b) -> rank(a) - rank(b))
          .toList();
    }

    private static int rank(String path) {
      return path.equals("rig.yaml") ? 0 : path.startsWith("convoys/") ? 1 : 2;
    }
  }

  static Files shop() {
    return new Files().put("rig.yaml", RigManifests.render(SHOP).text());
  }

  /**
   * The seed user guide's Polecats, as written there but for the namespace and rig (those of rig
   * shop).
   */
  static List<String> userGuidePolecats() throws IOException {
    try (InputStream in = RigGeneratorTest.class.getResourceAsStream("/seeds/seed-user-guide.md")) {
      String guide = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> polecats = new ArrayList<>();
      for (SeedExamples.Example example :
          SeedExamples.in(guide, "seed-user-guide.md", GasTown.API_VERSION)) {
        if (example.kind().equals("Polecat")) {
          polecats.add(
              example
                  .yaml()
                  .replaceFirst("(?m)^  namespace: .*$", "  namespace: gt-shop")
                  .replaceFirst("(?m)^  rig: .*$", "  rig: shop"));
        }
      }
      return polecats;
    }
  }

  @ParameterizedTest
  @MethodSource("userGuidePolecats")
  void aPolecatWrittenByHandGetsTheJobSlingWouldHaveWritten(String yaml) {
    List<JsonNode> manifests =
        RigGenerator.generate("rigs/shop", shop().put("polecats/by-hand.yaml", yaml), IMAGE);

    JsonNode polecat =
        manifests.stream().filter(m -> m.path("kind").asText().equals("Polecat")).findFirst().get();
    assertThat(polecat).as("the Polecat passes through").isEqualTo(Manifests.readAll(yaml).get(0));
    String name = polecat.path("metadata").path("name").asText();
    JsonNode job =
        manifests.stream().filter(m -> m.path("kind").asText().equals("Job")).findFirst().get();
    assertThat(job.path("metadata").path("name").asText()).isEqualTo("polecat-" + name);
    assertThat(job.path("metadata").path("namespace").asText()).isEqualTo("gt-shop");
    assertThat(
            job.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asText())
        .isEqualTo("0");
    Map<String, String> labels =
        Map.of(
            GasTown.LABEL_POLECAT,
            name,
            GasTown.LABEL_RIG,
            "shop",
            GasTown.LABEL_BEAD,
            polecat.path("spec").path("beadID").asText());
    assertThat(
            Manifests.readAll(Manifests.toYaml(List.of(job)))
                .get(0)
                .path("metadata")
                .path("labels"))
        .isEqualTo(Manifests.toTree(labels));
    assertThat(job.path("spec").path("template").path("metadata").path("labels"))
        .isEqualTo(Manifests.toTree(labels));

    Polecat slung =
        Polecats.create(
            SHOP, PolecatRequest.of(name, polecat.path("spec").path("beadID").asText()));
    assertThat(job)
        .as("the Job of a slung polecat of the same name and bead")
        .isEqualTo(PolecatManifests.documents(slung, IMAGE).get(1));
  }

  @Test
  void aSlungPolecatPassesThroughWithItsOwnJob() {
    Polecat slung = Polecats.create(SHOP, PolecatRequest.of("furiosa", "sh-1"));
    String file = PolecatManifests.render(slung, "ghcr.io/gastown/polecat-agent:0.0.9").text();

    List<JsonNode> manifests =
        RigGenerator.generate("rigs/shop", shop().put("polecats/furiosa.yaml", file), IMAGE);

    assertThat(manifests)
        .extracting(m -> m.path("kind").asText())
        .containsExactly("Namespace", "Rig", "Witness", "Polecat", "Job");
    assertThat(Manifests.toYaml(manifests.subList(3, 5))).as("exactly the file").isEqualTo(file);
  }

  @Test
  void aRigWithoutNamespaceAndWitnessGetsThemFromTheRig() {
    String rigOnly =
        Manifests.toYaml(List.of(Manifests.readAll(RigManifests.render(SHOP).text()).get(1)));

    List<JsonNode> manifests =
        RigGenerator.generate("rigs/shop", new Files().put("rig.yaml", rigOnly), IMAGE);

    assertThat(Manifests.toYaml(manifests)).isEqualTo(RigManifests.render(SHOP).text());
  }

  @Test
  void everythingElsePassesThroughInSyncWaveOrder() {
    String configMap =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  annotations:\n"
            + "    argocd.argoproj.io/sync-wave: \"-2\"\ndata:\n  z: last\n  a: first\n";
    Files files =
        shop()
            .put("notes.yaml", configMap)
            .put(
                "kustomization.yaml",
                Kustomization.render("shop", List.of("rig.yaml", "notes.yaml")).text());

    List<JsonNode> manifests = RigGenerator.generate("rigs/shop", files, IMAGE);

    assertThat(manifests)
        .extracting(m -> m.path("kind").asText())
        .containsExactly("ConfigMap", "Namespace", "Rig", "Witness");
    assertThat(manifests.get(0)).isEqualTo(Manifests.readAll(configMap).get(0));
  }

  @Test
  void aPolecatFileTheKustomizationDoesNotListIsGenerated() throws IOException {
    Files files =
        shop()
            .put("kustomization.yaml", Kustomization.render("shop", List.of("rig.yaml")).text())
            .put("polecats/by-hand.yaml", userGuidePolecats().get(0));

    assertThat(RigGenerator.generate("rigs/shop", files, IMAGE))
        .extracting(m -> m.path("kind").asText())
        .contains("Polecat", "Job");
  }

  @Test
  void aMalformedPolecatFailsTheRigNamingFileFieldAndFix() throws IOException {
    String bad =
        userGuidePolecats().get(1).replace("desiredState: Working", "desiredState: Running");
    Files files =
        shop().put("polecats/good.yaml", userGuidePolecats().get(0)).put("polecats/bad.yaml", bad);

    assertThatThrownBy(() -> RigGenerator.generate("rigs/shop", files, IMAGE))
        .isInstanceOf(InvalidRigSource.class)
        .hasMessageStartingWith(
            "rigs/shop is not generated (nothing of it is synced or pruned until this is fixed "
                + "in git):\n")
        .hasMessageContaining("rigs/shop/polecats/bad.yaml: Polecat my-worker: spec.desiredState: ")
        .hasMessageContaining("Running")
        .hasMessageContaining(": correct the field and commit")
        .hasMessageNotContaining("good.yaml")
        .hasMessageNotContaining("\tat ");
  }

  @Test
  void aPolecatOfAnotherRigOrNamespaceIsRefusedWithTheFix() throws IOException {
    String elsewhere =
        userGuidePolecats()
            .get(0)
            .replace("namespace: gt-shop", "namespace: gastown-workers")
            .replace("rig: shop", "rig: my-project");

    assertThatThrownBy(
            () ->
                RigGenerator.generate("rigs/shop", shop().put("polecats/x.yaml", elsewhere), IMAGE))
        .isInstanceOf(InvalidRigSource.class)
        .hasMessageContaining(
            "rigs/shop/polecats/x.yaml: Polecat my-worker: spec.rig: is my-project, but this is "
                + "the directory of rig shop: set spec.rig: shop")
        .hasMessageContaining(
            "rigs/shop/polecats/x.yaml: Polecat my-worker: metadata.namespace: is gastown-workers, "
                + "but rig shop's polecats run in gt-shop");
  }

  @Test
  void aMalformedRigOrANamelessPolecatIsNamedNotThrown() throws IOException {
    Files files =
        new Files()
            .put(
                "rig.yaml",
                "apiVersion: gastown.gastown.io/v1alpha1\nkind: Rig\nmetadata:\n"
                    + "  name: shop\nspec: not-a-map\n")
            .put("polecats/x.yaml", userGuidePolecats().get(0).replace("  name: my-worker\n", ""));

    assertThatThrownBy(() -> RigGenerator.generate("rigs/shop", files, IMAGE))
        .isInstanceOf(InvalidRigSource.class)
        .hasMessageContaining("rigs/shop/rig.yaml: Rig shop: spec")
        .hasMessageContaining(
            "rigs/shop/polecats/x.yaml: Polecat: metadata.name: is required: name the object and "
                + "commit");
  }

  @Test
  void unreadableYamlAndAMissingListedFileAreNamed() {
    Files files =
        shop()
            .put("polecats/broken.yaml", "apiVersion: v1\nkind: [Polecat\n")
            .put(
                "kustomization.yaml",
                Kustomization.render("shop", List.of("rig.yaml", "polecats/gone.yaml")).text());

    assertThatThrownBy(() -> RigGenerator.generate("rigs/shop", files, IMAGE))
        .hasMessageContaining(
            "rigs/shop/kustomization.yaml lists polecats/gone.yaml, which does not exist: restore "
                + "it with git, or remove it from the list")
        .hasMessageContaining("rigs/shop/polecats/broken.yaml is not valid YAML (line ")
        .hasMessageContaining("): fix the file and commit");
  }
}
