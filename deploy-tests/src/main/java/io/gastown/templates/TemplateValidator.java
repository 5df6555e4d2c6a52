package io.gastown.templates;

import io.gastown.templates.SchemaValidator.SchemaError;
import io.gastown.templates.TemplateRenderer.Rendering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Renders a template and reports every problem: missing variables, YAML errors, schema errors. */
public final class TemplateValidator {
  private final CrdSchemas schemas;

  public TemplateValidator(CrdSchemas schemas) {
    this.schemas = schemas;
  }

  /** The outcome for one template: the rendered text and the problems, in the order of the file. */
  public record Result(String template, String rendered, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public Result validate(String templateName, String template, Map<String, String> values) {
    Rendering rendering = TemplateRenderer.render(template, values);
    List<String> problems = new ArrayList<>();
    rendering.missing().forEach((name, line) ->
        problems.add("line " + line + ": variable {{" + name + "}} has no value (set it with --set " + name + "=...)"));
    values.forEach((name, value) -> {
      if (value.contains("\n")) {
        problems.add("variable " + name + ": the value contains a line break; templates take single-line values");
      }
    });
    List<Object> documents;
    try {
      documents = Yamls.loadAll(rendering.text());
    } catch (MarkedYAMLException e) {
      problems.add("line " + (e.getProblemMark().getLine() + 1) + ": not valid YAML after rendering: " + e.getProblem());
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

  private List<String> checkDocument(Object document) {
    if (!(document instanceof Map<?, ?> raw)) {
      return List.of("a document is not a Kubernetes object (expected a mapping with apiVersion and kind)");
    }
    Map<String, Object> object = SchemaValidator.castMap(raw);
    Object apiVersion = object.get("apiVersion");
    Object kind = object.get("kind");
    if (!(apiVersion instanceof String av) || !(kind instanceof String k)) {
      return List.of("a document has no apiVersion or kind");
    }
    String label = k + " " + nameOf(object);
    Optional<Map<String, Object>> schema = schemas.schema(av, k);
    if (schema.isEmpty()) {
      return schemas.definesGroupOf(av)
          ? List.of(label + ": no CRD defines " + k + " in " + av + " (check apiVersion and kind)")
          : List.of(); // a supporting object (Secret, ConfigMap): the API server checks it
    }
    List<String> problems = new ArrayList<>();
    for (SchemaError error : SchemaValidator.validateObject(object, schema.get())) {
      problems.add(label + ": " + error);
    }
    return problems;
  }

  private static String nameOf(Map<String, Object> object) {
    if (object.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") instanceof String name
        && !TemplateRenderer.isSentinel(name)) {
      return name;
    }
    return "(unnamed)";
  }
}
