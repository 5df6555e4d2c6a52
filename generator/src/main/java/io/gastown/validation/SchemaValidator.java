package io.gastown.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks an object against a CRD's structural {@code openAPIV3Schema} the way the apiserver does
 * for the parts that can be checked without CEL: types, required fields, enums, patterns, bounds,
 * and (unlike the apiserver, which prunes them silently) unknown fields. Reports every violation,
 * not just the first. The project's one schema validator: the webhook, {@code kubectl gt} and the
 * template validator ({@code io.gastown.template}) use it.
 */
public final class SchemaValidator {
  private static final int MAX_SHOWN_VALUE = 80;

  /**
   * Compiled patterns; empty for an ECMA-only construct Java cannot compile (left to the
   * apiserver).
   */
  private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();

  private final Predicate<JsonNode> unknown;
  private final List<Violation> out = new ArrayList<>();

  private SchemaValidator(Predicate<JsonNode> unknown) {
    this.unknown = unknown;
  }

  public static List<Violation> validate(JsonNode schema, JsonNode object) {
    return validate(schema, object, value -> false);
  }

  /**
   * The same, leaving unchecked every value {@code unknown} accepts: one that stands for a value
   * not known yet (a template's missing variable, which the template validator reports itself). A
   * required field holding one is present.
   */
  public static List<Violation> validate(
      JsonNode schema, JsonNode object, Predicate<JsonNode> unknown) {
    SchemaValidator validator = new SchemaValidator(unknown);
    validator.check(schema, object, "");
    return validator.out;
  }

  private void check(JsonNode schema, JsonNode value, String path) {
    if (value != null && unknown.test(value)) {
      return;
    }
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
      case "object" -> checkObject(schema, value, path);
      case "array" -> checkArray(schema, value, path);
      case "string" -> checkString(schema, value, path);
      case "integer" -> checkNumber(schema, value, path, true);
      case "number" -> checkNumber(schema, value, path, false);
      case "boolean" -> {
        if (!value.isBoolean()) {
          out.add(new Violation(path, shown(value), "must be true or false"));
        }
      }
      default -> {
        // No type: anything goes (e.g. preserved unknown fields).
      }
    }
    checkEnum(schema, value, path);
  }

  private void checkObject(JsonNode schema, JsonNode value, String path) {
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
        check(fieldSchema, field.getValue(), fieldPath);
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), fieldPath);
      } else if (!preserveUnknown && properties.size() > 0 && !isImplicit(path, field.getKey())) {
        out.add(new Violation(fieldPath, null, "is not a known field" + known(properties)));
      }
    }
  }

  /**
   * apiVersion, kind and metadata are implied by every CRD schema, which lists only spec and
   * status.
   */
  private static boolean isImplicit(String path, String field) {
    boolean root =
        path.isEmpty()
            && (field.equals("apiVersion") || field.equals("kind") || field.equals("metadata"));
    return root || path.equals("metadata") || path.startsWith("metadata.");
  }

  private static String known(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names.size() <= 12 ? " (known: " + String.join(", ", names) + ")" : "";
  }

  private void checkArray(JsonNode schema, JsonNode value, String path) {
    if (!value.isArray()) {
      out.add(new Violation(path, shown(value), "must be a list"));
      return;
    }
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      out.add(
          new Violation(
              path, null, "must have at least " + schema.get("minItems").asInt() + " item(s)"));
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      out.add(
          new Violation(
              path, null, "must have at most " + schema.get("maxItems").asInt() + " items"));
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        check(items, value.get(i), path + "[" + i + "]");
      }
    }
  }

  private void checkString(JsonNode schema, JsonNode value, String path) {
    if (!value.isTextual()) {
      out.add(new Violation(path, shown(value), "must be a string"));
      return;
    }
    String text = value.asText();
    int length =
        text.codePointCount(0, text.length()); // the apiserver counts characters, not UTF-16 units
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      out.add(
          new Violation(
              path,
              shown(value),
              "must be at least " + schema.get("minLength").asInt() + " characters"));
    }
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      out.add(
          new Violation(
              path,
              shown(value),
              "must be at most " + schema.get("maxLength").asInt() + " characters"));
    }
    if (schema.has("pattern")) {
      String regex = schema.get("pattern").asText();
      Optional<Pattern> pattern = PATTERNS.computeIfAbsent(regex, SchemaValidator::compile);
      if (pattern.isPresent() && !pattern.get().matcher(text).find()) {
        out.add(new Violation(path, shown(value), "must match " + regex));
      }
    }
  }

  private static Optional<Pattern> compile(String regex) {
    try {
      return Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }

  private void checkNumber(JsonNode schema, JsonNode value, String path, boolean integer) {
    if (integer ? !value.isIntegralNumber() : !value.isNumber()) {
      out.add(
          new Violation(path, shown(value), integer ? "must be an integer" : "must be a number"));
      return;
    }
    double number = value.asDouble();
    if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
      out.add(
          new Violation(path, shown(value), "must be at least " + bound(schema.get("minimum"))));
    }
    if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
      out.add(new Violation(path, shown(value), "must be at most " + bound(schema.get("maximum"))));
    }
  }

  private void checkEnum(JsonNode schema, JsonNode value, String path) {
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

  /**
   * A bound as written in a message: 1.0 in a schema (as the CRD generator writes integers) reads
   * as 1.
   */
  private static String bound(JsonNode number) {
    double d = number.asDouble();
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : number.asText();
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String shown(JsonNode value) {
    String text = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    return text.length() > MAX_SHOWN_VALUE ? text.substring(0, MAX_SHOWN_VALUE) + "..." : text;
  }
}
