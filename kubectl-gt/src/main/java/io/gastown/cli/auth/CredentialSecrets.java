package io.gastown.cli.auth;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The Secret that carries one credential to the polecats, built and read back. Pure. */
public final class CredentialSecrets {
  public static final String SYNCED_AT = "gastown.io/synced-at";
  public static final String SOURCE = "gastown.io/synced-from";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private CredentialSecrets() {}

  /**
   * One key only (the credential), labelled as written by kubectl-gt, annotated with when and from
   * where.
   */
  public static Secret build(Credential credential, String name, String namespace, Instant now) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Map.of(MANAGED_BY, "kubectl-gt"))
        .withAnnotations(Map.of(SYNCED_AT, now.toString(), SOURCE, credential.origin()))
        .endMetadata()
        .withType("Opaque")
        .withData(
            Map.of(credential.kind().key(), Base64.getEncoder().encodeToString(credential.bytes())))
        .build();
  }

  /** When the Secret was last synced (its annotation), if it says. */
  public static Optional<Instant> syncedAt(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(SYNCED_AT);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The decoded value of the credential key, if the Secret has it. */
  public static Optional<byte[]> value(Secret secret, CredentialKind kind) {
    Map<String, String> data = secret.getData();
    String encoded = data == null ? null : data.get(kind.key());
    if (encoded == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
