package io.gastown.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;

/** What identifies an object in the cluster: group, kind, namespace ("" when cluster-scoped) and name. */
public record ResourceKey(String group, String kind, String namespace, String name) {

  public static ResourceKey of(JsonNode manifest) {
    return new ResourceKey(groupOf(manifest.path("apiVersion").asText()), manifest.path("kind").asText(),
        manifest.path("metadata").path("namespace").asText(""), manifest.path("metadata").path("name").asText());
  }

  /** The group of an apiVersion: "batch" of "batch/v1", "" of "v1". */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** "Job gt-shop/polecat-furiosa", "Rig shop": how the sync names objects to people. */
  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
