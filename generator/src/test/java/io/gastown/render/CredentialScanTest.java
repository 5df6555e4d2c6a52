package io.gastown.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialScanTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "kind: 'Secret'|a Secret manifest",
        "  key: -----BEGIN OPENSSH " + "PRIVATE KEY-----|a private key",
        "task: use ghp_abcdefghijklmnopqrstuvwxyz0123456789 to push|a GitHub token",
        "token: github_pat_11ABCDEFG0123456789_abcdefghijkl|a GitHub token",
        "x: glpat-abcdefghij0123456789|a GitLab token",
        "taskDescription: sk-ant-"
            + "api03-abcdefghijklmnopqrstuvwxyz|an Anthropic API key or token",
        "k: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789|an OpenAI-style API key",
        "aws: AKIAIOSFODNN7EXAMPLE|an AWS access key",
        "gitURL: https://bob:hunter2@github.com/acme/shop.git|a password in a URL",
      })
  void findsCredentials(String line, String what) {
    var findings =
        CredentialScan.scan(
            RenderedFile.of("rigs/x/polecats/a.yaml", "apiVersion: v1\n" + line + "\n"));
    assertThat(findings).extracting(CredentialScan.Finding::what).contains(what);
    assertThat(findings.get(0).line()).isEqualTo(2);
    String value = line.substring(line.indexOf(':') + 1).trim();
    assertThat(findings.toString())
        .as("a finding never shows the credential")
        .doesNotContain(value.split(" ")[0]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gitURL: git@github.com:acme/shop.git",
        "gitRepository: https://github.com/acme/shop.git",
        "gitSecretRef:\n  name: git-creds",
        "kind: SecretProviderClass",
        "taskDescription: rotate the secret key in sk-config and ask-anthropic",
      })
  void leavesOrdinaryManifestsAlone(String line) {
    assertThat(CredentialScan.scan(RenderedFile.of("rigs/x/rig.yaml", line + "\n"))).isEmpty();
  }
}
