package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** How one kind prints: table columns for lists, a description for {@code status}. Pure. */
public interface ResourceView<T extends HasMetadata> {
  /** Singular lower-case kind, e.g. {@code polecat}. */
  String kind();

  /** Plural, as in the API path, e.g. {@code polecats}. */
  String plural();

  List<Column<T>> columns();

  String describe(T item, Instant now);

  /** Rigs are cluster-scoped; the other kinds live in a namespace. */
  default boolean namespaced() {
    return true;
  }

  default String group() {
    return io.gastown.model.GasTown.GROUP;
  }

  /** {@code polecats.gastown.gastown.io}: how kubectl and RBAC name the resource. */
  default String resource() {
    return plural() + "." + group();
  }

  /**
   * The age of an object from a timestamp, or empty when the object was never created (declared
   * only).
   */
  static String age(String timestamp, Instant now) {
    if (timestamp == null || timestamp.isBlank()) {
      return "";
    }
    try {
      return Ages.age(Duration.between(Instant.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return timestamp;
    }
  }

  /** A timestamp with its age: {@code 2026-11-21T10:00:00Z (5m ago)}. */
  static String when(String timestamp, Instant now) {
    String age = age(timestamp, now);
    return age.isEmpty() || age.equals(timestamp) ? timestamp : timestamp + " (" + age + " ago)";
  }

  /** The conditions as a small table: TYPE STATUS REASON AGE MESSAGE. */
  static String conditions(List<Condition> conditions, Instant now) {
    if (conditions == null || conditions.isEmpty()) {
      return "";
    }
    Table table = new Table(List.of("TYPE", "STATUS", "REASON", "AGE", "MESSAGE"));
    for (Condition c : conditions) {
      table.row(
          List.of(
              nn(c.getType()),
              nn(c.getStatus()),
              nn(c.getReason()),
              age(c.getLastTransitionTime(), now),
              nn(c.getMessage())));
    }
    return table.render(true);
  }

  static String nn(Object value) {
    return value == null ? "" : value.toString();
  }
}
