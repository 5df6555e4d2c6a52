package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalNodeTest {

  @Test
  void placeholdersAreFilledAndAMissingValueIsABug() {
    assertThat(LocalNode.render("root = \"{{DIR}}/root\"", Map.of("DIR", "/n")))
        .isEqualTo("root = \"/n/root\"");
    assertThatThrownBy(() -> LocalNode.render("{{SOCKET}}", Map.of()))
        .hasMessageContaining("no value for {{SOCKET}}");
  }

  @Test
  void theNodeTemplatesAreOnTheClasspath() {
    for (String template :
        new String[] {
          "containerd.toml", "10-gastown.conflist", "kubelet.yaml", "kube-proxy.yaml"
        }) {
      assertThat(LocalNode.class.getResource("node/" + template)).as(template).isNotNull();
    }
  }

  @Test
  void anUnprovisionedNodeFailsNamingHackNodeSh(@TempDir Path empty) {
    var binaries = new ControlPlaneBinaries(empty, "1.37.0");

    assertThatThrownBy(() -> LocalNode.verifyProvisioned(binaries, empty.resolve("images")))
        .hasMessageContaining("The real node is not provisioned, missing: ")
        .hasMessageContaining(empty.resolve("kubelet").toString())
        .hasMessageContaining(empty.resolve("images").resolve("pause.tar").toString())
        .hasMessageContaining("Provision it with: bash hack/node.sh");
  }

  @Test
  void theImageCacheIsConfigurableAndDefaultsToTheUsersCache() {
    Properties properties = new Properties();
    properties.setProperty("user.home", "/home/u");

    assertThat(LocalNode.imageDirectory(properties, Map.of()))
        .isEqualTo(Path.of("/home/u/.cache/gastown-images"));
    assertThat(LocalNode.imageDirectory(properties, Map.of("GASTOWN_IMAGES", "/img")))
        .isEqualTo(Path.of("/img"));
  }

  @Test
  void theCgroupIsTheOneInNetnsShNamedElseRandom() {
    assertThat(LocalNode.cgroupName(Map.of("GASTOWN_NODE_CGROUP", "gastown-node-abc")))
        .isEqualTo("gastown-node-abc");
    assertThat(LocalNode.cgroupName(Map.of())).matches("gastown-node-[0-9a-f]{12}");
    assertThat(LocalNode.cgroupName(Map.of("GASTOWN_NODE_CGROUP", "../escape")))
        .matches("gastown-node-[0-9a-f]{12}");
  }
}
