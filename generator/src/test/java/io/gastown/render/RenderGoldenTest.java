package io.gastown.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.model.Agent;
import io.gastown.model.GasTown;
import io.gastown.model.NamepoolTheme;
import io.gastown.model.RefinerySpec;
import io.gastown.model.Rig;
import io.gastown.model.SecretKeyRef;
import io.gastown.model.SecretReference;
import io.gastown.testing.Golden;
import io.gastown.validation.Crds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifests of a small rig, compared with the checked-in copies under
 * generator/src/test/golden/render (a GitOps repository tree: {@code kubectl kustomize
 * generator/src/test/golden/render/rigs/<rig>} builds it).
 */
class RenderGoldenTest {
  static final String REGENERATE =
      "mvn -pl generator test -Dtest=RenderGoldenTest -Dgolden.update=true";
  static final String IMAGE = PolecatManifests.agentImage("0.1.0");
  static final Path GOLDEN = Golden.root().resolve("generator/src/test/golden/render");

  /** rig "shop": defaults; rig "lab": every setting a Polecat inherits. */
  static List<RenderedFile> repository() {
    List<RenderedFile> files = new ArrayList<>();
    files.add(RepositoryReadme.render());

    Rig shop = Rigs.create("shop", "git@github.com:acme/shop.git", "sh", null, null, null);
    RenderedFile furiosa =
        PolecatManifests.render(Polecats.create(shop, PolecatRequest.of("furiosa", "sh-1")), IMAGE);
    RenderedFile nux =
        PolecatManifests.render(
            Polecats.create(
                shop,
                new PolecatRequest(
                    "nux",
                    "sh-2",
                    "Fix the login form.\nKeep the tests green.",
                    Agent.AIDER,
                    "develop",
                    "fix/login")),
            IMAGE);
    RenderedFile convoy =
        ConvoyManifests.render(
            Convoys.create(
                shop,
                Convoys.idFor("Login overhaul", "sh-1", java.util.Set.of()),
                "Login overhaul",
                List.of("sh-1", "sh-2")));
    files.add(RigManifests.render(shop));
    files.add(furiosa);
    files.add(nux);
    files.add(convoy);
    RefinerySpec refinery = new RefinerySpec();
    refinery.setTestCommand("mvn -B verify");
    refinery.setMaxBatch(5);
    files.add(RefineryManifests.render(RefineryManifests.create(shop, refinery), IMAGE));
    files.add(
        Kustomization.render(
            "shop",
            List.of(
                "polecats/nux.yaml",
                "rig.yaml",
                "convoys/cv-login-overhaul.yaml",
                "refinery.yaml",
                "polecats/furiosa.yaml")));

    Rig lab =
        Rigs.create(
            "lab",
            "https://gitlab.example.com/acme/lab.git",
            "lab",
            NamepoolTheme.MINERALS,
            Agent.OPENCODE,
            "agents-lab");
    lab.getSpec().getSettings().setGitBranch("trunk");
    lab.getSpec().getSettings().setGitSecretRef(new SecretReference("lab-ssh"));
    lab.getSpec().getSettings().setClaudeCredsSecretRef(new SecretReference("claude-creds"));
    SecretKeyRef apiKey = new SecretKeyRef();
    apiKey.setName("llm-keys");
    apiKey.setKey("anthropic");
    lab.getSpec().getSettings().setApiKeySecretRef(apiKey);
    files.add(RigManifests.render(lab));
    files.add(
        PolecatManifests.render(
            Polecats.create(lab, PolecatRequest.of("obsidian", "lab-7")), IMAGE));
    files.add(Kustomization.render("lab", List.of("rig.yaml", "polecats/obsidian.yaml")));
    return files;
  }

  @Test
  void renderedRepositoryMatchesGoldenFiles() throws IOException {
    for (RenderedFile file : repository()) {
      Golden.check(GOLDEN.resolve(file.path()), file.text(), REGENERATE);
    }
  }

  @Test
  void renderingIsByteIdenticalEveryTime() {
    assertThat(repository()).isEqualTo(repository());
  }

  @Test
  void everyGasTownObjectSatisfiesItsCrdSchema() {
    int checked = 0;
    for (RenderedFile file : repository()) {
      if (!file.path().endsWith(".yaml") || file.path().endsWith(GitOpsLayout.KUSTOMIZATION)) {
        continue;
      }
      for (JsonNode document : Manifests.readAll(file.text())) {
        if (document.path("apiVersion").asText().startsWith(GasTown.GROUP + "/")) {
          assertThat(Crds.validate(document))
              .as(file.path() + " " + document.path("kind"))
              .isEmpty();
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(9); // 2 Rigs, 2 Witnesses, 3 Polecats, 1 Convoy, 1 Refinery
  }

  @Test
  void renderedFilesContainNoCredentials() {
    assertThat(CredentialScan.scan(repository())).isEmpty();
  }
}
