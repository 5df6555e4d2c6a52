package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.gastown.model.Agent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformConfigTest {
  @Test
  void defaultsWhenTheFileIsMissingOrEmpty(@TempDir Path dir) {
    PlatformConfig missing = PlatformConfig.load(dir.resolve("platform.yaml"));
    assertThat(missing).isEqualTo(PlatformConfig.defaults());
    assertThat(PlatformConfig.fromYaml("# nothing set\n")).isEqualTo(PlatformConfig.defaults());
    assertThat(missing.openshift()).isFalse();
    assertThat(missing.runAsUser()).isEqualTo(65532);
    assertThat(missing.activeDeadlineSeconds()).isEqualTo(3600);
    assertThat(missing.agentResources().getLimits()).containsEntry("memory", new Quantity("4Gi"));
  }

  @Test
  void readsTheKeysTheDeploymentsConfigMapUses() {
    PlatformConfig config =
        PlatformConfig.fromYaml(
            """
        # from kustomize/overlays/openshift
        openshift: true
        runAsUser: 1001
        activeDeadlineSeconds: 600
        images:
          git-init: registry.example.com/git-init:1
          aider: registry.example.com/aider:2
        resources:
          requests: {cpu: 250m, memory: 512Mi}
        """);
    assertThat(config.openshift()).isTrue();
    assertThat(config.runAsUser()).isEqualTo(1001);
    assertThat(config.activeDeadlineSeconds()).isEqualTo(600);
    assertThat(config.gitInitImage()).isEqualTo("registry.example.com/git-init:1");
    assertThat(config.imageFor(Agent.AIDER)).isEqualTo("registry.example.com/aider:2");
    assertThat(config.imageFor(Agent.CLAUDE_CODE)).isEqualTo(PlatformConfig.DEFAULT_IMAGE);
    assertThat(config.agentResources().getRequests()).containsEntry("cpu", new Quantity("250m"));
    assertThat(config.agentResources().getLimits()).isNullOrEmpty();
  }

  @Test
  void aTypoIsAnErrorNamingTheKey() {
    assertThatThrownBy(() -> PlatformConfig.fromYaml("openShift: true\n"))
        .hasMessageStartingWith("platform config: unknown key 'openShift'");
    assertThatThrownBy(() -> PlatformConfig.fromYaml("images:\n  claude: x\n"))
        .hasMessageContaining("images.claude is not an agent");
    assertThatThrownBy(() -> PlatformConfig.fromYaml("runAsUser: 0\n"))
        .hasMessageContaining("runAsUser must be a non-root user id");
    assertThatThrownBy(() -> PlatformConfig.fromYaml("openshift: maybe\n"))
        .hasMessageStartingWith("platform config: ");
  }
}
