package io.gastown.templates;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a value against a CRD's OpenAPI v3 schema the way the API server's structural validation does for
 * the rules that matter to a template author: type, required, enum, pattern, lengths, bounds and unknown
 * fields (as with {@code kubectl apply --validate=strict}). CEL rules ({@code x-kubernetes-validations}) are
 * left to the API server. Every error is reported, not just the first.
 */
public final class SchemaValidator {
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

  private SchemaValidator() {
  }

  /** One problem: where ({@code spec.kubernetes.gitBranch}) and what. */
  public record SchemaError(String path, String message) {
    @Override
    public String toString() {
      return path + ": " + message;
    }
  }

  /**
   * Validates a whole object against its version's openAPIV3Schema. {@code apiVersion}, {@code kind} and
   * {@code metadata} are the API server's own (the CRD schema need not list them); metadata gets the name,
   * namespace and label checks the API server makes.
   */
  public static List<SchemaError> validateObject(Map<String, Object> object, Map<String, Object> schema) {
    List<SchemaError> errors = new ArrayList<>();
    validateMetadata(object.get("metadata"), errors);
    Map<String, Object> rest = new LinkedHashMap<>(object);
    Map<String, Object> restSchema = new LinkedHashMap<>(schema);
    Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p
        ? new LinkedHashMap<>(castMap(p)) : new LinkedHashMap<>();
    for (String own : List.of("apiVersion", "kind", "metadata")) {
      rest.remove(own);
      properties.remove(own);
    }
    restSchema.put("properties", properties);
    validate("", rest, restSchema, errors);
    return errors;
  }

  /** Validates {@code value} at {@code path} against {@code schema}, adding every error to {@code errors}. */
  public static void validate(String path, Object value, Map<String, Object> schema, List<SchemaError> errors) {
    if (value == null || TemplateRenderer.isSentinel(value)) {
      return; // nulls are pruned by the API server; sentinels are reported as missing variables
    }
    if (!checkType(path, value, schema, errors)) {
      return;
    }
    checkEnum(path, value, schema, errors);
    if (value instanceof String s) {
      checkString(path, s, schema, errors);
    } else if (value instanceof Number n) {
      checkNumber(path, n, schema, errors);
    } else if (value instanceof Map<?, ?> map) {
      checkObject(path, castMap(map), schema, errors);
    } else if (value instanceof List<?> list) {
      checkArray(path, list, schema, errors);
    }
  }

  private static boolean checkType(String path, Object value, Map<String, Object> schema, List<SchemaError> errors) {
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (isInteger(value) || value instanceof String) {
        return true;
      }
      errors.add(new SchemaError(path(path), describe(value) + " is " + typeOf(value) + ", expected an integer or a string"));
      return false;
    }
    Object type = schema.get("type");
    if (!(type instanceof String expected)) {
      return true;
    }
    boolean ok = switch (expected) {
      case "object" -> value instanceof Map;
      case "array" -> value instanceof List;
      case "string" -> value instanceof String;
      case "integer" -> isInteger(value);
      case "number" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      default -> true;
    };
    if (!ok) {
      errors.add(new SchemaError(path(path), describe(value) + " is " + typeOf(value) + ", expected " + article(expected)));
    }
    return ok;
  }

  private static void checkEnum(String path, Object value, Map<String, Object> schema, List<SchemaError> errors) {
    if (schema.get("enum") instanceof List<?> allowed && !allowed.isEmpty()) {
      if (allowed.stream().noneMatch(a -> java.util.Objects.equals(a, value))) {
        errors.add(new SchemaError(path(path), describe(value) + " is not one of " + join(allowed)));
      }
    }
  }

  private static void checkString(String path, String s, Map<String, Object> schema, List<SchemaError> errors) {
    if (schema.get("pattern") instanceof String pattern) {
      try {
        if (!Pattern.compile(pattern).matcher(s).find()) {
          errors.add(new SchemaError(path(path), describe(s) + " does not match the pattern " + pattern));
        }
      } catch (PatternSyntaxException e) {
        // an ECMA-only construct Java cannot compile: leave the check to the API server
      }
    }
    int length = s.codePointCount(0, s.length());
    if (schema.get("maxLength") instanceof Number max && length > max.longValue()) {
      errors.add(new SchemaError(path(path), "is " + length + " characters long, at most " + number(max) + " allowed"));
    }
    if (schema.get("minLength") instanceof Number min && length < min.longValue()) {
      errors.add(new SchemaError(path(path), "is " + length + " characters long, at least " + number(min) + " required"));
    }
  }

  private static void checkNumber(String path, Number n, Map<String, Object> schema, List<SchemaError> errors) {
    double v = n.doubleValue();
    if (schema.get("minimum") instanceof Number min && v < min.doubleValue()) {
      errors.add(new SchemaError(path(path), n + " is less than the minimum " + number(min)));
    }
    if (schema.get("maximum") instanceof Number max && v > max.doubleValue()) {
      errors.add(new SchemaError(path(path), n + " is more than the maximum " + number(max)));
    }
  }

  private static void checkObject(String path, Map<String, Object> map, Map<String, Object> schema, List<SchemaError> errors) {
    Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? castMap(p) : Map.of();
    if (schema.get("required") instanceof List<?> required) {
      for (Object name : required) {
        if (map.get(name.toString()) == null) {
          errors.add(new SchemaError(path(join(path, name.toString())), "required field is missing"));
        }
      }
    }
    boolean preserveUnknown = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
    Object additional = schema.get("additionalProperties");
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String childPath = join(path, entry.getKey());
      if (properties.get(entry.getKey()) instanceof Map<?, ?> childSchema) {
        validate(childPath, entry.getValue(), castMap(childSchema), errors);
      } else if (additional instanceof Map<?, ?> additionalSchema) {
        validate(childPath, entry.getValue(), castMap(additionalSchema), errors);
      } else if (!preserveUnknown && !properties.isEmpty()) {
        errors.add(new SchemaError(path(childPath), "unknown field (not in the " + kindOfPath(path) + " schema)"));
      }
    }
  }

  private static void checkArray(String path, List<?> list, Map<String, Object> schema, List<SchemaError> errors) {
    if (schema.get("maxItems") instanceof Number max && list.size() > max.longValue()) {
      errors.add(new SchemaError(path(path), "has " + list.size() + " items, at most " + number(max) + " allowed"));
    }
    if (schema.get("minItems") instanceof Number min && list.size() < min.longValue()) {
      errors.add(new SchemaError(path(path), "has " + list.size() + " items, at least " + number(min) + " required"));
    }
    if (schema.get("items") instanceof Map<?, ?> items) {
      for (int i = 0; i < list.size(); i++) {
        validate(path + "[" + i + "]", list.get(i), castMap(items), errors);
      }
    }
  }

  private static void validateMetadata(Object metadata, List<SchemaError> errors) {
    if (!(metadata instanceof Map<?, ?> meta)) {
      errors.add(new SchemaError("metadata", "required field is missing"));
      return;
    }
    Object name = meta.get("name");
    if (name == null) {
      errors.add(new SchemaError("metadata.name", "required field is missing"));
    } else if (!TemplateRenderer.isSentinel(name)) {
      String n = name.toString();
      if (n.length() > 253 || !DNS_SUBDOMAIN.matcher(n).matches()) {
        errors.add(new SchemaError("metadata.name", describe(n)
            + " is not a valid name: lower case letters, digits, '-' and '.', starting and ending with a letter or digit"));
      }
    }
    Object namespace = meta.get("namespace");
    if (namespace != null && !TemplateRenderer.isSentinel(namespace)) {
      String ns = namespace.toString();
      if (ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()) {
        errors.add(new SchemaError("metadata.namespace", describe(ns) + " is not a valid namespace name (DNS label)"));
      }
    }
    if (meta.get("labels") instanceof Map<?, ?> labels) {
      for (Map.Entry<?, ?> label : labels.entrySet()) {
        Object v = label.getValue();
        if (v != null && !TemplateRenderer.isSentinel(v)
            && (!(v instanceof String s) || s.length() > 63 || !LABEL_VALUE.matcher(s).matches())) {
          errors.add(new SchemaError("metadata.labels." + label.getKey(), describe(v)
              + " is not a valid label value (a string of at most 63 letters, digits, '-', '_' or '.')"));
        }
      }
    }
  }

  /** 1.0 in a schema reads as 1 in a message. */
  private static String number(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : n.toString();
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger
        || value instanceof Short || value instanceof Byte;
  }

  private static String typeOf(Object value) {
    if (value instanceof String) {
      return "a string";
    } else if (isInteger(value)) {
      return "an integer";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof Map) {
      return "an object";
    } else if (value instanceof List) {
      return "a list";
    }
    return value.getClass().getSimpleName();
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "an object";
      case "array" -> "a list";
      case "integer" -> "an integer";
      default -> "a " + type;
    };
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "\"" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "\"";
    }
    if (value instanceof Map || value instanceof List) {
      return "the value";
    }
    return String.valueOf(value);
  }

  private static String join(List<?> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(v);
    }
    return sb.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String path(String path) {
    return path.isEmpty() ? "(document)" : path;
  }

  private static String kindOfPath(String path) {
    return path.isEmpty() ? "object's" : path + "'s";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
