package io.gastown.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fast writer for the common case of {@link Manifests}' YAML: block maps and lists whose strings
 * need no quoting. It writes exactly what the project's Jackson YAML style writes for such trees
 * (RenderedYamlTest compares the two); for anything else (multi-line text, strings that YAML would
 * read as another type, unusual characters) it declines and {@link Manifests} uses Jackson.
 * Rendering a 1,000-polecat convoy spends most of its time in YAML emission.
 */
final class PlainYaml {
  /**
   * Characters that need no quotes in a plain scalar here (no flow indicators, no quotes, no
   * comment start).
   */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@+=: -]*");

  /** Whole numbers are strings here (labels, annotations): the style double-quotes them. */
  private static final Pattern INTEGER_STRING = Pattern.compile("-?[0-9]+");

  private static final Set<String> RESERVED =
      Set.of("true", "false", "yes", "no", "y", "n", "on", "off", "null");

  private PlainYaml() {}

  /** The document as YAML, or empty when it has something this writer does not handle. */
  static Optional<String> write(JsonNode document) {
    if (!document.isObject() || document.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(1024);
    return writeObject(document, 0, out) ? Optional.of(out.toString()) : Optional.empty();
  }

  /**
   * Writes the fields of a non-empty object, each line starting at {@code indent} (the first one
   * too).
   */
  private static boolean writeObject(JsonNode object, int indent, StringBuilder out) {
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!first) {
        indent(out, indent);
      }
      first = false;
      if (!isPlain(field.getKey())) {
        return false;
      }
      out.append(field.getKey()).append(':');
      if (!writeValue(field.getValue(), indent, out)) {
        return false;
      }
    }
    return true;
  }

  /** Writes a value after "key:" (the key at {@code indent}). */
  private static boolean writeValue(JsonNode value, int indent, StringBuilder out) {
    if (value.isObject()) {
      if (value.isEmpty()) {
        out.append(" {}\n");
        return true;
      }
      out.append('\n');
      indent(out, indent + 2);
      return writeObject(value, indent + 2, out);
    }
    if (value.isArray()) {
      if (value.isEmpty()) {
        out.append(" []\n");
        return true;
      }
      out.append('\n');
      for (JsonNode item : value) {
        indent(out, indent);
        out.append('-');
        if (item.isObject() && !item.isEmpty()) {
          out.append(' ');
          if (!writeObject(item, indent + 2, out)) {
            return false;
          }
        } else if (item.isContainerNode() || !writeScalar(item, out)) {
          return false;
        }
      }
      return true;
    }
    return writeScalar(value, out);
  }

  /** Writes " value\n" for a scalar. */
  private static boolean writeScalar(JsonNode value, StringBuilder out) {
    if (value.isTextual()) {
      String text = value.textValue();
      if (INTEGER_STRING.matcher(text).matches()) {
        out.append(" \"").append(text).append("\"\n");
        return true;
      }
      if (!isPlain(text)) {
        return false;
      }
      out.append(' ').append(text).append('\n');
      return true;
    }
    if (value.isIntegralNumber() || value.isBoolean()) {
      out.append(' ').append(value.asText()).append('\n');
      return true;
    }
    return false; // floats, nulls, binary: leave them to Jackson
  }

  private static boolean isPlain(String text) {
    return PLAIN.matcher(text).matches()
        && !text.endsWith(":")
        && !text.endsWith(" ")
        && !text.contains("::")
        && !text.contains(": ")
        && !text.contains(" #")
        && !RESERVED.contains(text.toLowerCase(Locale.ROOT));
  }

  private static void indent(StringBuilder out, int indent) {
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }
}
