package io.gastown.cli.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gastown.cli.GtException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks credential bytes before they go to the cluster: size, format, and that they are what they
 * claim to be. Returns warnings (printable: they never contain the secret) and throws {@link
 * GtException} for what must not be synced. Pure.
 */
public final class CredentialCheck {
  /** Far above a real credentials file (about 0.5 KiB); a bigger one is not a credentials file. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private CredentialCheck() {}

  public static List<String> check(Credential credential, Instant now) {
    if (credential.size() == 0) {
      throw GtException.invalid(credential.origin() + " is empty");
    }
    if (credential.size() >= MAX_BYTES) {
      throw GtException.invalid(
          credential.origin()
              + " is "
              + credential.size()
              + " bytes; credentials are far "
              + "smaller (limit "
              + MAX_BYTES / 1024
              + " KiB): is it the right file?");
    }
    return credential.kind() == CredentialKind.CLAUDE
        ? claude(credential, now)
        : apiKey(credential);
  }

  private static List<String> claude(Credential credential, Instant now) {
    JsonNode root;
    try {
      root = JSON.readTree(credential.bytes());
    } catch (JsonProcessingException e) {
      // The parser's message can quote the input: say where, not what.
      String at =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw GtException.invalid(
          credential.origin()
              + " is not valid JSON"
              + at
              + "; run `claude` and log in again "
              + "to rewrite it");
    } catch (java.io.IOException e) {
      throw GtException.invalid(credential.origin() + " cannot be read as JSON");
    }
    if (root == null || !root.isObject()) {
      throw GtException.invalid(
          credential.origin() + " is not a JSON object; it is not a Claude credentials file");
    }
    JsonNode oauth = root.path("claudeAiOauth");
    if (!oauth.isObject()
        || !oauth.path("accessToken").isTextual()
        || oauth.path("accessToken").asText().isBlank()) {
      throw GtException.invalid(
          credential.origin()
              + " has no claudeAiOauth.accessToken; log in with `claude` "
              + "(a subscription login), or use an API key: export ANTHROPIC_API_KEY and run kubectl gt auth sync "
              + "--from api-key");
    }
    List<String> warnings = new ArrayList<>();
    boolean refreshable =
        oauth.path("refreshToken").isTextual() && !oauth.path("refreshToken").asText().isBlank();
    if (oauth.path("expiresAt").canConvertToLong()) {
      Instant expires = Instant.ofEpochMilli(oauth.path("expiresAt").asLong());
      if (expires.isBefore(now) && !refreshable) {
        warnings.add(
            "the access token expired at "
                + expires
                + " and there is no refresh token; log in with "
                + "`claude` again, then sync with --force");
      }
    }
    return warnings;
  }

  private static List<String> apiKey(Credential credential) {
    String key = new String(credential.bytes(), StandardCharsets.UTF_8);
    if (!key.equals(key.strip())) {
      throw GtException.invalid(
          credential.origin() + " has leading or trailing whitespace; set it without");
    }
    for (char c : key.toCharArray()) {
      if (c < 0x21 || c > 0x7e) {
        throw GtException.invalid(
            credential.origin()
                + " contains a space or a non-ASCII character; an API key "
                + "has none");
      }
    }
    if (key.length() < 20) {
      throw GtException.invalid(
          credential.origin() + " is only " + key.length() + " characters; is it an API key?");
    }
    List<String> warnings = new ArrayList<>();
    if (!key.startsWith("sk-ant-")) {
      warnings.add(
          credential.origin()
              + " does not start with sk-ant- (an Anthropic API key does); syncing it "
              + "anyway, e.g. for a proxy");
    }
    return warnings;
  }
}
