package io.gastown.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{VARIABLE}}} markers. Markers in comment lines are documentation, not variables. A
 * missing variable is replaced by a sentinel, so the rest of the document can still be parsed and
 * checked; errors about a sentinel value are the missing variable's, not a schema error of their
 * own.
 */
public final class TemplateRenderer {
  public static final Pattern MARKER = Pattern.compile("\\{\\{([A-Z][A-Z0-9_]*)}}");
  private static final String SENTINEL_PREFIX = "GT-MISSING-";

  private TemplateRenderer() {}

  /**
   * The rendered text and the variables the template uses but {@code values} lacks, with the first
   * line of each.
   */
  public record Rendering(String text, Map<String, Integer> missing) {}

  public static Rendering render(String template, Map<String, String> values) {
    Map<String, Integer> missing = new LinkedHashMap<>();
    StringBuilder out = new StringBuilder();
    String[] lines = template.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (isComment(line)) {
        out.append(line);
      } else {
        Matcher m = MARKER.matcher(line);
        StringBuilder rendered = new StringBuilder();
        while (m.find()) {
          String name = m.group(1);
          String value = values.get(name);
          if (value == null) {
            missing.putIfAbsent(name, i + 1);
            value = sentinel(name);
          }
          m.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        m.appendTail(rendered);
        out.append(rendered);
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return new Rendering(out.toString(), missing);
  }

  /** Every variable the template uses (outside comments), in order of first use. */
  public static List<String> variables(String template) {
    return new ArrayList<>(render(template, Map.of()).missing().keySet());
  }

  /** True when a rendered value stands for a missing variable. */
  public static boolean isSentinel(Object value) {
    return value instanceof String s && s.contains(SENTINEL_PREFIX);
  }

  private static String sentinel(String name) {
    return SENTINEL_PREFIX + name.toLowerCase().replace('_', '-');
  }

  private static boolean isComment(String line) {
    return line.stripLeading().startsWith("#");
  }
}
