package io.gastown.cli.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Secret;
import io.gastown.cli.cluster.Ages;
import io.gastown.cli.cluster.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What {@code auth status} reports about one credential Secret (never its value). Pure. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialStatus(
    String secret,
    String key,
    boolean present,
    Integer bytes,
    String syncedAt,
    String age,
    boolean stale) {
  static final Duration STALE_AFTER = Duration.ofDays(1);

  static CredentialStatus of(CredentialKind kind, String namespace, Secret secret, Instant now) {
    if (secret == null) {
      return new CredentialStatus(kind.secretName(), kind.key(), false, null, null, null, false);
    }
    Integer bytes = CredentialSecrets.value(secret, kind).map(v -> v.length).orElse(null);
    Instant synced = CredentialSecrets.syncedAt(secret).orElse(null);
    Duration age = synced == null ? null : Duration.between(synced, now);
    return new CredentialStatus(
        kind.secretName(),
        kind.key(),
        true,
        bytes,
        synced == null ? null : synced.toString(),
        age == null ? null : Ages.age(age),
        age != null && age.compareTo(STALE_AFTER) > 0);
  }

  static String table(List<CredentialStatus> statuses, String namespace) {
    Table table = new Table(List.of("SECRET", "KEY", "STATUS", "SIZE", "SYNCED"));
    for (CredentialStatus s : statuses) {
      String status =
          !s.present()
              ? "missing"
              : s.bytes() == null ? "present, but without key " + s.key() : "present";
      String synced =
          s.syncedAt() == null
              ? (s.present() ? "unknown (not synced by kubectl gt)" : "-")
              : s.age() + " ago (" + s.syncedAt() + ")" + (s.stale() ? " STALE" : "");
      table.row(
          List.of(s.secret(), s.key(), status, s.bytes() == null ? "-" : s.bytes() + " B", synced));
    }
    return "Namespace " + namespace + ":\n" + table.render(true);
  }
}
