package io.gastown.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialSecretsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void holdsOnlyTheCredentialKeyAndSaysWhenItWasSynced() {
    Credential credential =
        new Credential(
            CredentialKind.CLAUDE,
            "/home/u/.claude/.credentials.json",
            CredentialCheckTest.VALID.getBytes(StandardCharsets.UTF_8));
    Secret secret = CredentialSecrets.build(credential, "claude-home", "gt-my-rig", NOW);
    assertThat(secret.getData()).containsOnlyKeys(".credentials.json");
    assertThat(
            new String(
                Base64.getDecoder().decode(secret.getData().get(".credentials.json")),
                StandardCharsets.UTF_8))
        .isEqualTo(CredentialCheckTest.VALID);
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("gastown.io/synced-at", "2026-11-21T12:00:00Z");
    assertThat(CredentialSecrets.syncedAt(secret)).contains(NOW);
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("gt-my-rig");
    assertThat(secret.getType()).isEqualTo("Opaque");
  }

  @Test
  void statusFlagsSecretsOlderThanADay() {
    Credential key =
        new Credential(
            CredentialKind.API_KEY,
            "$ANTHROPIC_API_KEY",
            ("sk-ant-" + "api03-0123456789abcdef").getBytes(StandardCharsets.UTF_8));
    Secret secret =
        CredentialSecrets.build(key, "anthropic-api-key", "ns", NOW.minusSeconds(2 * 86400));
    CredentialStatus status = CredentialStatus.of(CredentialKind.API_KEY, "ns", secret, NOW);
    assertThat(status.stale()).isTrue();
    assertThat(status.age()).isEqualTo("2d");
    assertThat(status.bytes()).isEqualTo(29);
    CredentialStatus missing = CredentialStatus.of(CredentialKind.CLAUDE, "ns", null, NOW);
    String table = CredentialStatus.table(java.util.List.of(missing, status), "ns");
    assertThat(table)
        .isEqualTo(
            """
        Namespace ns:
        SECRET              KEY                 STATUS    SIZE   SYNCED
        claude-home         .credentials.json   missing   -      -
        anthropic-api-key   api-key             present   29 B   2d ago (2026-11-19T12:00:00Z) STALE
        """)
        .doesNotContain("sk-ant");
  }
}
