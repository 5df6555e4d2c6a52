package io.gastown.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.gastown.model.GasTown;
import io.gastown.model.Serialization;
import io.gastown.template.TemplateRenderer.Rendering;
import io.gastown.validation.Crds;
import io.gastown.validation.GasTownValidation;
import io.gastown.validation.KubernetesSyntax;
import io.gastown.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Renders a template and reports every problem: missing variables, YAML errors, and for every Gas
 * Town object the checks of the validation core ({@link GasTownValidation}: the CRD schema as
 * packaged with this build, then the cross-field rules once every variable has a value) and the
 * apiserver's syntax for its metadata. Supporting objects (a Job, a Secret) are left to the
 * apiserver.
 */
public final class TemplateValidator {
  private TemplateValidator() {}

  /** The outcome for one template: the rendered text and the problems, in the order of the file. */
  public record Result(String template, String rendered, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public static Result validate(String templateName, String template, Map<String, String> values) {
    Rendering rendering = TemplateRenderer.render(template, values);
    List<String> problems = new ArrayList<>();
    rendering
        .missing()
        .forEach(
            (name, line) ->
                problems.add(
                    "line "
                        + line
                        + ": variable {{"
                        + name
                        + "}} has no value (set it with --set "
                        + name
                        + "=...)"));
    values.forEach(
        (name, value) -> {
          if (value.contains("\n")) {
            problems.add(
                "variable "
                    + name
                    + ": the value contains a line break; templates take single-line values");
          }
        });
    List<Object> documents;
    try {
      documents = Yamls.loadAll(rendering.text());
    } catch (MarkedYAMLException e) {
      problems.add(
          "line "
              + (e.getProblemMark().getLine() + 1)
              + ": not valid YAML after rendering: "
              + e.getProblem());
      return new Result(templateName, rendering.text(), problems);
    } catch (YAMLException e) {
      problems.add("not valid YAML after rendering: " + e.getMessage());
      return new Result(templateName, rendering.text(), problems);
    }
    for (Object document : documents) {
      problems.addAll(checkDocument(document));
    }
    return new Result(templateName, rendering.text(), problems);
  }

  private static List<String> checkDocument(Object document) {
    if (!(document instanceof Map<?, ?>)) {
      return List.of(
          "a document is not a Kubernetes object (expected a mapping with apiVersion and kind)");
    }
    JsonNode object = pruneNulls(Serialization.jsonMapper().valueToTree(document));
    JsonNode apiVersion = object.get("apiVersion");
    JsonNode kind = object.get("kind");
    if (apiVersion == null || !apiVersion.isTextual() || kind == null || !kind.isTextual()) {
      return List.of("a document has no apiVersion or kind");
    }
    String av = apiVersion.asText();
    String k = kind.asText();
    if (!av.startsWith(GasTown.GROUP + "/")) {
      return List.of(); // a supporting object (Job, Secret, ConfigMap): the apiserver checks it
    }
    String label = k + " " + nameOf(object);
    if (!av.equals(GasTown.API_VERSION) || !Crds.PLURALS.containsKey(k)) {
      return List.of(
          label + ": no CRD defines " + k + " in " + av + " (check apiVersion and kind)");
    }
    List<Violation> violations = new ArrayList<>(metadata(object.get("metadata")));
    violations.addAll(GasTownValidation.violations(object, TemplateValidator::unknown));
    return violations.stream().map(v -> label + ": " + v).toList();
  }

  /** A value that stands for a missing variable: reported as missing, never as a wrong value. */
  private static boolean unknown(JsonNode value) {
    return value.isTextual() && TemplateRenderer.isSentinel(value.asText());
  }

  /**
   * The apiserver's checks of metadata (the CRD schema leaves it out): a name, and the syntax of
   * name, namespace, labels and annotations ({@link KubernetesSyntax}, as the webhook checks them).
   */
  private static List<Violation> metadata(JsonNode metadata) {
    List<Violation> out = new ArrayList<>();
    if (metadata == null || !metadata.isObject()) {
      out.add(
          new Violation("metadata", null, metadata == null ? "is required" : "must be an object"));
      return out;
    }
    JsonNode name = metadata.get("name");
    if (name == null || name.isTextual() && name.asText().isEmpty()) {
      out.add(new Violation("metadata.name", null, "is required"));
    }
    // What is not a string, or not known yet, is taken out before the syntax checks of the rest.
    ObjectNode known = metadata.deepCopy();
    for (String field : List.of("name", "namespace", "generateName")) {
      JsonNode value = known.get(field);
      if (value != null && !value.isTextual()) {
        out.add(new Violation("metadata." + field, value.toString(), "must be a string"));
      }
      if (value != null && (!value.isTextual() || unknown(value))) {
        known.remove(field);
      }
    }
    for (String map : List.of("labels", "annotations")) {
      JsonNode entries = known.get(map);
      if (entries != null && !entries.isObject()) {
        out.add(new Violation("metadata." + map, null, "must be a map of strings"));
        known.remove(map);
      } else if (entries != null) {
        List<String> leftOut = new ArrayList<>();
        entries
            .properties()
            .forEach(
                entry -> {
                  JsonNode value = entry.getValue();
                  if (!value.isTextual()) {
                    out.add(
                        new Violation(
                            "metadata." + map + "[" + KubernetesSyntax.shown(entry.getKey()) + "]",
                            value.toString(),
                            "must be a string"));
                  }
                  if (!value.isTextual() || unknown(value)) {
                    leftOut.add(entry.getKey());
                  }
                });
        ((ObjectNode) entries).remove(leftOut);
      }
    }
    try {
      out.addAll(
          KubernetesSyntax.metadata(
              Serialization.jsonMapper().treeToValue(known, ObjectMeta.class)));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      out.add(
          new Violation(
              "metadata",
              null,
              "is not valid object metadata: " + e.getMessage().lines().findFirst().orElse("")));
    }
    return out;
  }

  /**
   * The apiserver prunes fields set to null before it validates (unless the schema makes them
   * nullable).
   */
  private static JsonNode pruneNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      object
          .properties()
          .forEach(
              field -> {
                if (field.getValue().isNull()) {
                  nulls.add(field.getKey());
                }
              });
      object.remove(nulls);
    }
    node.forEach(TemplateValidator::pruneNulls);
    return node;
  }

  private static String nameOf(JsonNode object) {
    JsonNode name = object.path("metadata").path("name");
    return name.isTextual() && !unknown(name) ? name.asText() : "(unnamed)";
  }
}
