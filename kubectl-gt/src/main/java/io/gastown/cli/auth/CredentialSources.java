package io.gastown.cli.auth;

import io.gastown.cli.GtEnvironment;
import io.gastown.cli.GtException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the credentials to sync on this machine: the Claude credentials file ({@code
 * --credentials-file}, else {@code $CLAUDE_CONFIG_DIR/.credentials.json}, else {@code
 * ~/.claude/.credentials.json}), on macOS the Keychain item when there is no file, or an API key
 * from an environment variable. Only that one file or value is read, never the rest of ~/.claude.
 */
public final class CredentialSources {
  /** Which credentials {@code auth sync} looks for. */
  public enum Choice {
    auto,
    claude,
    api_key;

    /** Accepts {@code api-key} as written on the command line. */
    public static Choice parse(String text) {
      return valueOf(text.replace('-', '_'));
    }
  }

  private final GtEnvironment environment;
  private final boolean macOs;
  private final Keychain keychain;

  public CredentialSources(GtEnvironment environment, boolean macOs, Keychain keychain) {
    this.environment = environment;
    this.macOs = macOs;
    this.keychain = keychain;
  }

  public static CredentialSources system(GtEnvironment environment) {
    boolean mac =
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("mac");
    return new CredentialSources(environment, mac, mac ? Keychain.macOs() : Keychain.none());
  }

  public Credential find(Choice choice, Path credentialsFile, String apiKeyVariable) {
    Path file = credentialsFile != null ? credentialsFile : defaultCredentialsFile();
    switch (choice) {
      case claude:
        return claude(file, credentialsFile != null)
            .orElseThrow(
                () ->
                    GtException.notFound(
                        "no Claude credentials: "
                            + file
                            + " does not exist"
                            + (macOs
                                ? " and the Keychain has no item \""
                                    + Keychain.CLAUDE_SERVICE
                                    + "\""
                                : "")
                            + "; log in with `claude` first"));
      case api_key:
        return apiKey(apiKeyVariable)
            .orElseThrow(
                () ->
                    GtException.notFound(
                        "no API key: $"
                            + apiKeyVariable
                            + " is not set; export it (or name another variable with "
                            + "--api-key-env)"));
      default:
        return claude(file, credentialsFile != null)
            .or(() -> apiKey(apiKeyVariable))
            .orElseThrow(
                () ->
                    GtException.notFound(
                        "no credentials to sync: "
                            + file
                            + " does not exist"
                            + (macOs
                                ? ", the Keychain has no item \"" + Keychain.CLAUDE_SERVICE + "\""
                                : "")
                            + " and $"
                            + apiKeyVariable
                            + " is not set; log in with `claude`, or export "
                            + apiKeyVariable));
    }
  }

  Path defaultCredentialsFile() {
    String configDir = environment.get("CLAUDE_CONFIG_DIR");
    Path dir = configDir != null ? Path.of(configDir) : environment.home().resolve(".claude");
    return dir.resolve(".credentials.json");
  }

  private Optional<Credential> claude(Path file, boolean explicit) {
    if (Files.isRegularFile(file)) {
      try {
        return Optional.of(
            new Credential(CredentialKind.CLAUDE, file.toString(), Files.readAllBytes(file)));
      } catch (IOException e) {
        throw GtException.invalid("cannot read " + file + ": " + e.getMessage());
      }
    }
    if (explicit && !Files.exists(file)) {
      throw GtException.notFound("--credentials-file " + file + ": no such file");
    }
    if (macOs) {
      return keychain
          .read(Keychain.CLAUDE_SERVICE)
          .map(
              bytes ->
                  new Credential(
                      CredentialKind.CLAUDE,
                      "the macOS Keychain item \"" + Keychain.CLAUDE_SERVICE + "\"",
                      bytes));
    }
    return Optional.empty();
  }

  private Optional<Credential> apiKey(String variable) {
    return Optional.ofNullable(environment.variables().get(variable))
        .filter(v -> !v.isEmpty())
        .map(
            value ->
                new Credential(
                    CredentialKind.API_KEY,
                    "$" + variable,
                    value.getBytes(StandardCharsets.UTF_8)));
  }
}
