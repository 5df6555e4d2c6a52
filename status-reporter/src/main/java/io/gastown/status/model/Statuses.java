package io.gastown.status.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.model.Serialization;

/**
 * Comparison of statuses as the API server stores them (JSON), so that only real changes are
 * written.
 */
public final class Statuses {
  private Statuses() {}

  /**
   * Whether two statuses serialize to the same JSON (absent and null fields alike; map order
   * ignored).
   */
  public static boolean same(Object stored, Object computed) {
    return tree(stored).equals(tree(computed));
  }

  private static JsonNode tree(Object status) {
    return status == null
        ? Serialization.jsonMapper().createObjectNode()
        : Serialization.jsonMapper().valueToTree(status);
  }
}
