package io.gastown.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gastown.model.GasTown;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The Gas Town CRDs as checked in under {@code kustomize/base/crds/} (packaged on the classpath),
 * and validation of objects against their schemas.
 */
public final class Crds {
  /** Kind to plural, for every Gas Town kind. */
  public static final Map<String, String> PLURALS =
      Map.of(
          "Rig", "rigs",
          "Polecat", "polecats",
          "Convoy", "convoys",
          "Witness", "witnesses",
          "Refinery", "refineries",
          "BeadStore", "beadstores");

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Map<String, JsonNode> CRDS = new ConcurrentHashMap<>();

  private Crds() {}

  /** File name of a kind's CRD, as the fabric8 CRD generator writes it. */
  public static String fileName(String kind) {
    return plural(kind) + "." + GasTown.GROUP + "-v1.yml";
  }

  public static String plural(String kind) {
    String plural = PLURALS.get(kind);
    if (plural == null) {
      throw new IllegalArgumentException(
          "unknown kind '" + kind + "': use one of " + String.join(", ", PLURALS.keySet()));
    }
    return plural;
  }

  public static JsonNode crd(String kind) {
    return CRDS.computeIfAbsent(kind, Crds::load);
  }

  public static JsonNode schema(String kind) {
    for (JsonNode version : crd(kind).path("spec").path("versions")) {
      if (GasTown.VERSION.equals(version.path("name").asText())) {
        return version.path("schema").path("openAPIV3Schema");
      }
    }
    throw new IllegalStateException("CRD of " + kind + " has no version " + GasTown.VERSION);
  }

  /**
   * Every schema violation of a Gas Town object (given as a JSON/YAML tree with apiVersion and
   * kind).
   */
  public static List<Violation> validate(JsonNode object) {
    return validate(object, value -> false);
  }

  /**
   * The same, leaving unchecked the values that stand for ones not known yet (see {@link
   * SchemaValidator}).
   */
  public static List<Violation> validate(JsonNode object, Predicate<JsonNode> unknown) {
    String kind = object.path("kind").asText();
    if (!PLURALS.containsKey(kind)) {
      return List.of(
          new Violation("kind", kind, "must be one of " + String.join(", ", PLURALS.keySet())));
    }
    return SchemaValidator.validate(schema(kind), object, unknown);
  }

  private static JsonNode load(String kind) {
    String resource = "/META-INF/gastown/crds/" + fileName(kind);
    try (InputStream in = Crds.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("CRD resource " + resource + " missing from the classpath");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
