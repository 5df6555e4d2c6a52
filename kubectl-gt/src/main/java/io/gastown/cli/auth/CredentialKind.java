package io.gastown.cli.auth;

/**
 * The two ways a polecat's agent authenticates, each with its Secret (name and single key) as the
 * polecat manifests reference them ({@code claudeCredsSecretRef}, {@code apiKeySecretRef}).
 */
public enum CredentialKind {
  CLAUDE("claude-home", ".credentials.json", "the Claude credentials file"),
  API_KEY("anthropic-api-key", "api-key", "the Anthropic API key");

  private final String secretName;
  private final String key;
  private final String description;

  CredentialKind(String secretName, String key, String description) {
    this.secretName = secretName;
    this.key = key;
    this.description = description;
  }

  public String secretName() {
    return secretName;
  }

  public String key() {
    return key;
  }

  public String description() {
    return description;
  }
}
