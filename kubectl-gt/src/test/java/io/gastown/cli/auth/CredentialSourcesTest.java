package io.gastown.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gastown.cli.GtEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSourcesTest {
  @TempDir Path home;

  private CredentialSources sources(Map<String, String> env, boolean mac, Keychain keychain) {
    return new CredentialSources(GtEnvironment.of(env, home), mac, keychain);
  }

  private Path writeCredentials(Path dir) throws Exception {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(".credentials.json"), CredentialCheckTest.VALID);
  }

  @Test
  void prefersTheClaudeFileAndReadsOnlyIt() throws Exception {
    Path file = writeCredentials(home.resolve(".claude"));
    Files.writeString(home.resolve(".claude/history.jsonl"), "private transcript");
    Credential found =
        sources(Map.of("ANTHROPIC_API_KEY", "sk-ant-x"), false, Keychain.none())
            .find(CredentialSources.Choice.auto, null, "ANTHROPIC_API_KEY");
    assertThat(found.kind()).isEqualTo(CredentialKind.CLAUDE);
    assertThat(found.origin()).isEqualTo(file.toString());
    assertThat(new String(found.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(CredentialCheckTest.VALID);
    assertThat(found.toString()).doesNotContain("sk-ant");
  }

  @Test
  void honoursClaudeConfigDir() throws Exception {
    Path dir = home.resolve("elsewhere");
    writeCredentials(dir);
    Credential found =
        sources(Map.of("CLAUDE_CONFIG_DIR", dir.toString()), false, Keychain.none())
            .find(CredentialSources.Choice.claude, null, "ANTHROPIC_API_KEY");
    assertThat(found.origin()).isEqualTo(dir.resolve(".credentials.json").toString());
  }

  @Test
  void onMacOsFallsBackToTheKeychainItem() {
    Keychain keychain =
        service ->
            service.equals("Claude Code-credentials")
                ? Optional.of(CredentialCheckTest.VALID.getBytes(StandardCharsets.UTF_8))
                : Optional.empty();
    Credential found =
        sources(Map.of(), true, keychain)
            .find(CredentialSources.Choice.auto, null, "ANTHROPIC_API_KEY");
    assertThat(found.kind()).isEqualTo(CredentialKind.CLAUDE);
    assertThat(found.origin()).isEqualTo("the macOS Keychain item \"Claude Code-credentials\"");
  }

  @Test
  void fallsBackToTheApiKeyVariable() {
    Credential found =
        sources(Map.of("MY_KEY", "sk-ant-api03-xyz"), false, Keychain.none())
            .find(CredentialSources.Choice.auto, null, "MY_KEY");
    assertThat(found.kind()).isEqualTo(CredentialKind.API_KEY);
    assertThat(found.origin()).isEqualTo("$MY_KEY");
  }

  @Test
  void saysWhereItLookedWhenThereIsNothing() {
    assertThatThrownBy(
            () ->
                sources(Map.of(), true, Keychain.none())
                    .find(CredentialSources.Choice.auto, null, "ANTHROPIC_API_KEY"))
        .hasMessageContaining(home.resolve(".claude/.credentials.json").toString())
        .hasMessageContaining("the Keychain has no item \"Claude Code-credentials\"")
        .hasMessageContaining("$ANTHROPIC_API_KEY is not set");
    assertThatThrownBy(
            () ->
                sources(Map.of(), false, Keychain.none())
                    .find(
                        CredentialSources.Choice.claude,
                        home.resolve("nope.json"),
                        "ANTHROPIC_API_KEY"))
        .hasMessageContaining("--credentials-file " + home.resolve("nope.json") + ": no such file");
  }
}
