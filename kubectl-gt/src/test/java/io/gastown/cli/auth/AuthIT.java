package io.gastown.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.cluster.Cli;
import io.gastown.cli.cluster.ClusterFixtures;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * auth sync and auth status against the real apiserver: the Secret's shape, replacement, staleness.
 */
@ControlPlane
class AuthIT {
  private static final String NS = "gt-auth-it";

  private final KubernetesClient client;
  private final ControlPlaneInfo info;

  @TempDir Path home;

  AuthIT(KubernetesClient client, ControlPlaneInfo info) {
    this.client = client;
    this.info = info;
    ClusterFixtures.namespace(client, NS);
  }

  private Cli gt(Map<String, String> extra, String... args) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("KUBECONFIG", info.kubeconfig().toString());
    return Cli.run(env, home, args);
  }

  @Test
  void syncsTheClaudeCredentialsFileAsASecretWithOneKey() throws Exception {
    Files.createDirectories(home.resolve(".claude"));
    Files.writeString(home.resolve(".claude/.credentials.json"), CredentialCheckTest.VALID);
    Files.writeString(home.resolve(".claude/history.jsonl"), "not to be synced");

    Cli sync = gt(Map.of(), "auth", "sync", "--rig", "auth-it", "--from", "claude");
    assertThat(sync.exit()).as(sync.toString()).isZero();
    assertThat(sync.out())
        .startsWith("Created Secret gt-auth-it/claude-home (key .credentials.json, ")
        .doesNotContain("SECRET");
    Secret secret = client.secrets().inNamespace(NS).withName("claude-home").get();
    assertThat(secret.getData()).containsOnlyKeys(".credentials.json");
    assertThat(
            new String(
                Base64.getDecoder().decode(secret.getData().get(".credentials.json")),
                StandardCharsets.UTF_8))
        .isEqualTo(CredentialCheckTest.VALID);
    assertThat(Instant.parse(secret.getMetadata().getAnnotations().get("gastown.io/synced-at")))
        .isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));

    Cli again = gt(Map.of(), "auth", "sync", "--rig", "auth-it", "--from", "claude");
    assertThat(again.out())
        .contains("already holds the Claude credentials file")
        .contains("nothing to do");

    String rotated =
        CredentialCheckTest.VALID.replace("sk-ant-oat01-SECRET", "sk-ant-oat01-ROTATED");
    Files.writeString(home.resolve(".claude/.credentials.json"), rotated);
    Cli kept = gt(Map.of(), "auth", "sync", "--rig", "auth-it", "--from", "claude");
    assertThat(kept.out()).contains("exists with other content").contains("--force");
    Cli forced = gt(Map.of(), "auth", "sync", "--rig", "auth-it", "--from", "claude", "--force");
    assertThat(forced.out()).startsWith("Replaced Secret gt-auth-it/claude-home");
    assertThat(
            new String(
                Base64.getDecoder()
                    .decode(
                        client
                            .secrets()
                            .inNamespace(NS)
                            .withName("claude-home")
                            .get()
                            .getData()
                            .get(".credentials.json")),
                StandardCharsets.UTF_8))
        .isEqualTo(rotated);
  }

  @Test
  void syncsAnApiKeyAndStatusReportsBothSecrets() {
    Cli sync =
        gt(
            Map.of("ANTHROPIC_API_KEY", "sk-ant-" + "api03-0123456789abcdefghij"),
            "auth",
            "sync",
            "-n",
            NS,
            "--from",
            "api-key");
    assertThat(sync.exit()).as(sync.toString()).isZero();
    assertThat(sync.out()).doesNotContain("0123456789");
    assertThat(client.secrets().inNamespace(NS).withName("anthropic-api-key").get().getData())
        .containsOnlyKeys("api-key");

    Cli status = gt(Map.of(), "auth", "status", "-n", NS);
    assertThat(status.exit()).isZero();
    assertThat(status.out())
        .containsPattern("anthropic-api-key +api-key +present +33 B +\\d+s ago");
    assertThat(status.out()).doesNotContain("0123456789");
  }

  @Test
  void statusWithoutSecretsExits3AndSaysWhatToRun() {
    ClusterFixtures.namespace(client, "auth-it-empty");
    Cli status = gt(Map.of(), "auth", "status", "-n", "auth-it-empty");
    assertThat(status.exit()).isEqualTo(3);
    assertThat(status.out()).contains("claude-home         .credentials.json   missing");
    assertThat(status.err())
        .isEqualTo(
            "error: no credential Secret in namespace auth-it-empty; run kubectl gt auth "
                + "sync -n auth-it-empty\n");
  }

  @Test
  void invalidCredentialsAreRefusedBeforeTheClusterIsTouched() throws Exception {
    Files.createDirectories(home.resolve(".claude"));
    Files.writeString(home.resolve(".claude/.credentials.json"), "{\"theme\": \"dark\"}");
    Cli sync = gt(Map.of(), "auth", "sync", "-n", "auth-it-nowhere", "--from", "claude");
    assertThat(sync.exit()).isEqualTo(4);
    assertThat(sync.err()).contains("has no claudeAiOauth.accessToken");
  }
}
