package io.gastown.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitOpsLayoutTest {
  @Test
  void theRigOfAPathIsItsDirectoryUnderRigs() {
    assertThat(GitOpsLayout.rigOf(GitOpsLayout.polecatFile("shop", "furiosa"))).contains("shop");
    assertThat(GitOpsLayout.rigOf(GitOpsLayout.kustomization("lab"))).contains("lab");
    assertThat(GitOpsLayout.rigOf("rigs/.gitkeep")).as("a file of rigs/ itself").isEmpty();
    assertThat(GitOpsLayout.rigOf(GitOpsLayout.README)).isEmpty();
    assertThat(GitOpsLayout.rigOf("rigsx/shop/rig.yaml")).isEmpty();
  }

  @Test
  void theArgoCdApplicationOfARigIsTheOneTheApplicationSetTemplateNames() throws Exception {
    String template =
        java.nio.file.Files.readString(
            io.gastown.testing.Golden.root().resolve("argocd/base/rigs-applicationset.yaml"));
    assertThat(template)
        .contains("name: " + GitOpsLayout.ARGOCD_APPLICATION_SET + "\n")
        .contains("name: \"" + GitOpsLayout.argoCdApplication("{{.path.basename}}") + "\"");
  }
}
