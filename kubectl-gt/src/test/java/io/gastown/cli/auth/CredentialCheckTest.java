package io.gastown.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gastown.cli.GtException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialCheckTest {
  static final String VALID =
      "{\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-SECRET\",\"refreshToken\":"
          + "\"sk-ant-ort01-SECRET\",\"expiresAt\":1700000000000,\"scopes\":[\"user:inference\"]}}";
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private static Credential claude(String text) {
    return new Credential(
        CredentialKind.CLAUDE,
        "/home/u/.claude/.credentials.json",
        text.getBytes(StandardCharsets.UTF_8));
  }

  private static Credential key(String text) {
    return new Credential(
        CredentialKind.API_KEY, "$ANTHROPIC_API_KEY", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsAClaudeCredentialsFileWithARefreshToken() {
    assertThat(CredentialCheck.check(claude(VALID), NOW)).isEmpty();
  }

  @Test
  void warnsWhenTheTokenExpiredAndCannotBeRefreshed() {
    String expired =
        "{\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-SECRET\",\"expiresAt\":1700000000000}}";
    assertThat(CredentialCheck.check(claude(expired), NOW))
        .singleElement()
        .asString()
        .contains("expired")
        .contains("no refresh token")
        .doesNotContain("SECRET");
  }

  @Test
  void refusesInvalidJsonWithoutQuotingIt() {
    assertThatThrownBy(() -> CredentialCheck.check(claude("{\"claudeAiOauth\": SECRET-TOKEN"), NOW))
        .isInstanceOf(GtException.class)
        .hasMessageContaining("is not valid JSON (line 1")
        .hasMessageNotContaining("SECRET");
  }

  @Test
  void refusesJsonWithoutAnAccessToken() {
    assertThatThrownBy(() -> CredentialCheck.check(claude("{\"theme\":\"dark\"}"), NOW))
        .hasMessageContaining("has no claudeAiOauth.accessToken");
  }

  @Test
  void refusesEmptyAndOversizedInput() {
    assertThatThrownBy(() -> CredentialCheck.check(claude(""), NOW))
        .hasMessageContaining("is empty");
    String big = "{\"x\":\"" + "a".repeat(CredentialCheck.MAX_BYTES) + "\"}";
    assertThatThrownBy(() -> CredentialCheck.check(claude(big), NOW))
        .hasMessageContaining("limit 64 KiB")
        .hasMessageContaining("is it the right file?");
  }

  @Test
  void checksApiKeys() {
    assertThat(CredentialCheck.check(key("sk-ant-" + "api03-abcdefghijklmnopqrstuvwxyz"), NOW))
        .isEmpty();
    assertThat(CredentialCheck.check(key("litellm-abcdefghijklmnopqrstuvwxyz"), NOW))
        .singleElement()
        .asString()
        .contains("does not start with sk-ant-")
        .doesNotContain("litellm-abc");
    assertThatThrownBy(
            () -> CredentialCheck.check(key("sk-ant-" + "api03-abcdefghijklmnop\n"), NOW))
        .hasMessageContaining("whitespace")
        .hasMessageNotContaining("abcdefgh");
    assertThatThrownBy(() -> CredentialCheck.check(key("sk-ant-api03 abcdefghijklmnop"), NOW))
        .hasMessageContaining("contains a space");
    assertThatThrownBy(() -> CredentialCheck.check(key("short"), NOW))
        .hasMessageContaining("is it an API key?");
  }
}
