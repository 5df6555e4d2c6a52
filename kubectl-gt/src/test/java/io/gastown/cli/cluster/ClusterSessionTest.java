package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gastown.cli.GtEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSessionTest {
  static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: c
        cluster:
          server: https://127.0.0.1:1
      users:
      - name: u
        user:
          token: abc
      contexts:
      - name: dev
        context: {cluster: c, user: u, namespace: gt-dev}
      - name: prod
        context: {cluster: c, user: u}
      current-context: dev
      """;

  @TempDir Path home;

  private ClusterSession open(Map<String, String> env, String context, String namespace) {
    return ClusterSession.open(
        null, context, namespace, Duration.ofSeconds(5), GtEnvironment.of(env, home));
  }

  private Path kubeconfig() throws Exception {
    Files.createDirectories(home.resolve(".kube"));
    return Files.writeString(home.resolve(".kube/config"), KUBECONFIG);
  }

  @Test
  void namespaceComesFromTheFlagElseTheContextElseDefault() throws Exception {
    kubeconfig();
    try (ClusterSession dev = open(Map.of(), null, null);
        ClusterSession prod = open(Map.of(), "prod", null);
        ClusterSession given = open(Map.of(), "prod", "team")) {
      assertThat(dev.namespace()).isEqualTo("gt-dev");
      assertThat(dev.namespaceGiven()).isFalse();
      assertThat(prod.namespace()).isEqualTo("default");
      assertThat(given.namespace()).isEqualTo("team");
      assertThat(given.namespaceGiven()).isTrue();
      assertThat(prod.where()).isEqualTo("https://127.0.0.1:1 (context prod)");
    }
  }

  @Test
  void anUnknownContextNamesTheAvailableOnes() throws Exception {
    kubeconfig();
    assertThatThrownBy(() -> open(Map.of(), "staging", null))
        .hasMessage(
            "context \"staging\" is not in kubeconfig "
                + home.resolve(".kube/config")
                + "; available contexts: dev, prod (current: dev); pass one with --context");
  }

  @Test
  void kubeconfigVariableIsUsedAndNoKubeconfigMeansNoCluster() throws Exception {
    Path file = Files.writeString(home.resolve("other-config"), KUBECONFIG);
    try (ClusterSession session = open(Map.of("KUBECONFIG", "/missing:" + file), "prod", null)) {
      assertThat(session.contextName()).isEqualTo("prod");
    }
    assertThatThrownBy(() -> open(Map.of(), null, null))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("no kubeconfig: " + home.resolve(".kube/config") + " does not exist");
  }

  @Test
  void anUnreachableApiserverIsNoClusterNotAnError() throws Exception {
    kubeconfig();
    try (ClusterSession session = open(Map.of(), null, null)) {
      assertThatThrownBy(
              () ->
                  session.call(
                      Access.of("list", RigView.INSTANCE, null, null),
                      () -> session.client().resources(io.gastown.model.Rig.class).list()))
          .isInstanceOf(ClusterUnavailableException.class)
          .hasMessageStartingWith("cannot reach the cluster at https://127.0.0.1:1 (context dev)");
    }
  }
}
