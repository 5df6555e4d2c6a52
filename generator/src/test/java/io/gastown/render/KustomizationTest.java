package io.gastown.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KustomizationTest {
  @Test
  void listsRigThenConvoysThenPolecatsSortedAndOnce() {
    String text =
        Kustomization.render(
                "shop",
                List.of(
                    "polecats/nux.yaml",
                    "polecats/furiosa.yaml",
                    "convoys/cv-b.yaml",
                    "rig.yaml",
                    "convoys/cv-a.yaml",
                    "polecats/nux.yaml"))
            .text();
    assertThat(text.substring(text.indexOf("resources:")))
        .isEqualTo(
            """
        resources:
        - rig.yaml
        - convoys/cv-a.yaml
        - convoys/cv-b.yaml
        - polecats/furiosa.yaml
        - polecats/nux.yaml
        """);
  }

  @Test
  void syncOrderPutsNamespaceAndRigFirstAndAPolecatInTheWaveOfItsJob() {
    var shop =
        io.gastown.render.Rigs.create(
            "shop", "git@github.com:acme/shop.git", "sh", null, null, null);
    var docs = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
    docs.addAll(
        Manifests.readAll(
            PolecatManifests.render(
                    Polecats.create(shop, PolecatRequest.of("furiosa", "sh-1")), "img")
                .text()));
    docs.addAll(Manifests.readAll(RigManifests.render(shop).text()));
    assertThat(Manifests.inSyncOrder(docs))
        .extracting(d -> d.path("kind").asText() + "@" + SyncWave.of(d))
        .containsExactly("Namespace@-1", "Rig@-1", "Polecat@0", "Job@0", "Witness@0");
  }
}
