package io.gastown.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an object against a CRD's structural {@code openAPIV3Schema} the way the apiserver does for the parts that
 * can be checked without CEL: types, required fields, enums, patterns, bounds, and (unlike the apiserver, which
 * prunes them silently) unknown fields. Reports every violation, not just the first.
 */
public final class SchemaValidator {
  private static final int MAX_SHOWN_VALUE = 80;
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private SchemaValidator() {
  }

  public static List<Violation> validate(JsonNode schema, JsonNode object) {
    List<Violation> violations = new ArrayList<>();
    check(schema, object, "", violations);
    return violations;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (value == null || value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && !path.isEmpty()) {
        out.add(new Violation(path, "null", "must not be null"));
      }
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        out.add(new Violation(path, shown(value), "must be an integer or a string"));
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(schema, value, path, out);
      case "array" -> checkArray(schema, value, path, out);
      case "string" -> checkString(schema, value, path, out);
      case "integer" -> checkNumber(schema, value, path, out, true);
      case "number" -> checkNumber(schema, value, path, out, false);
      case "boolean" -> {
        if (!value.isBoolean()) {
          out.add(new Violation(path, shown(value), "must be true or false"));
        }
      }
      default -> {
        // No type: anything goes (e.g. preserved unknown fields).
      }
    }
    checkEnum(schema, value, path, out);
  }

  private static void checkObject(JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (!value.isObject()) {
      out.add(new Violation(path, shown(value), "must be an object"));
      return;
    }
    for (JsonNode required : schema.path("required")) {
      JsonNode field = value.get(required.asText());
      if (field == null || field.isNull()) {
        out.add(new Violation(join(path, required.asText()), null, "is required"));
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldPath = join(path, field.getKey());
      JsonNode fieldSchema = properties.get(field.getKey());
      if (fieldSchema != null) {
        check(fieldSchema, field.getValue(), fieldPath, out);
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), fieldPath, out);
      } else if (!preserveUnknown && properties.size() > 0 && !isImplicit(path, field.getKey())) {
        out.add(new Violation(fieldPath, null, "is not a known field" + known(properties)));
      }
    }
  }

  /** apiVersion, kind and metadata are implied by every CRD schema, which lists only spec and status. */
  private static boolean isImplicit(String path, String field) {
    boolean root = path.isEmpty() && (field.equals("apiVersion") || field.equals("kind") || field.equals("metadata"));
    return root || path.equals("metadata") || path.startsWith("metadata.");
  }

  private static String known(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names.size() <= 12 ? " (known: " + String.join(", ", names) + ")" : "";
  }

  private static void checkArray(JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (!value.isArray()) {
      out.add(new Violation(path, shown(value), "must be a list"));
      return;
    }
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      out.add(new Violation(path, null, "must have at least " + schema.get("minItems").asInt() + " item(s)"));
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      out.add(new Violation(path, null, "must have at most " + schema.get("maxItems").asInt() + " items"));
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        check(items, value.get(i), path + "[" + i + "]", out);
      }
    }
  }

  private static void checkString(JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (!value.isTextual()) {
      out.add(new Violation(path, shown(value), "must be a string"));
      return;
    }
    String text = value.asText();
    if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
      out.add(new Violation(path, shown(value), "must be at least " + schema.get("minLength").asInt() + " characters"));
    }
    if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
      out.add(new Violation(path, shown(value), "must be at most " + schema.get("maxLength").asInt() + " characters"));
    }
    if (schema.has("pattern")) {
      String regex = schema.get("pattern").asText();
      if (!PATTERNS.computeIfAbsent(regex, Pattern::compile).matcher(text).find()) {
        out.add(new Violation(path, shown(value), "must match " + regex));
      }
    }
  }

  private static void checkNumber(JsonNode schema, JsonNode value, String path, List<Violation> out, boolean integer) {
    if (integer ? !value.isIntegralNumber() : !value.isNumber()) {
      out.add(new Violation(path, shown(value), integer ? "must be an integer" : "must be a number"));
      return;
    }
    double number = value.asDouble();
    if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
      out.add(new Violation(path, shown(value), "must be at least " + schema.get("minimum").asText()));
    }
    if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
      out.add(new Violation(path, shown(value), "must be at most " + schema.get("maximum").asText()));
    }
  }

  private static void checkEnum(JsonNode schema, JsonNode value, String path, List<Violation> out) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray()) {
      return;
    }
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return;
      }
    }
    List<String> names = new ArrayList<>();
    allowed.forEach(a -> names.add(a.asText()));
    out.add(new Violation(path, shown(value), "must be one of " + String.join(", ", names)));
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String shown(JsonNode value) {
    String text = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    return text.length() > MAX_SHOWN_VALUE ? text.substring(0, MAX_SHOWN_VALUE) + "..." : text;
  }
}
