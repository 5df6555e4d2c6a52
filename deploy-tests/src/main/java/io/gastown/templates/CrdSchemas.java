package io.gastown.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The openAPIV3Schema of every version of the CRDs in a directory, looked up by apiVersion and kind. */
public final class CrdSchemas {
  private final Map<String, Map<String, Object>> byApiVersionAndKind = new TreeMap<>();

  private CrdSchemas() {
  }

  public static CrdSchemas load(Path crdDirectory) {
    CrdSchemas schemas = new CrdSchemas();
    try (Stream<Path> files = Files.list(crdDirectory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object document : Yamls.loadAll(Files.readString(file))) {
          schemas.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs in " + crdDirectory, e);
    }
    return schemas;
  }

  public Optional<Map<String, Object>> schema(String apiVersion, String kind) {
    return Optional.ofNullable(byApiVersionAndKind.get(apiVersion + " " + kind));
  }

  /** The API groups these CRDs define, to tell a Gas Town object from a supporting one (Secret, ConfigMap). */
  public boolean definesGroupOf(String apiVersion) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return byApiVersionAndKind.keySet().stream().anyMatch(key -> key.startsWith(group + "/"));
  }

  private void add(Object document) {
    if (!(document instanceof Map<?, ?> crd) || !"CustomResourceDefinition".equals(crd.get("kind"))) {
      return;
    }
    Map<String, Object> spec = SchemaValidator.castMap((Map<?, ?>) crd.get("spec"));
    String group = (String) spec.get("group");
    String kind = (String) SchemaValidator.castMap((Map<?, ?>) spec.get("names")).get("kind");
    for (Object v : (List<?>) spec.get("versions")) {
      Map<String, Object> version = SchemaValidator.castMap((Map<?, ?>) v);
      Map<String, Object> schema = SchemaValidator.castMap((Map<?, ?>) version.get("schema"));
      byApiVersionAndKind.put(group + "/" + version.get("name") + " " + kind,
          SchemaValidator.castMap((Map<?, ?>) schema.get("openAPIV3Schema")));
    }
  }
}
