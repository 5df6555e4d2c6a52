package io.gastown.cli.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code status} view of one object: "Label: value" lines with aligned values, then optional
 * sections.
 */
public final class Description {
  private final List<String[]> fields = new ArrayList<>();
  private final StringBuilder sections = new StringBuilder();

  /** Adds a field; a null or blank value leaves the line out. */
  public Description field(String label, Object value) {
    if (value != null && !value.toString().isBlank()) {
      fields.add(new String[] {label, value.toString()});
    }
    return this;
  }

  /** A titled block, its lines indented by two spaces (e.g. a conditions table). */
  public Description section(String title, String body) {
    if (body != null && !body.isBlank()) {
      sections.append(title).append(":\n");
      body.lines().forEach(line -> sections.append("  ").append(line).append('\n'));
    }
    return this;
  }

  public String render() {
    int width = fields.stream().mapToInt(f -> f[0].length()).max().orElse(0) + 1;
    StringBuilder out = new StringBuilder();
    for (String[] field : fields) {
      String label = field[0] + ":";
      out.append(label)
          .append(" ".repeat(width - label.length() + 2))
          .append(field[1])
          .append('\n');
    }
    return out.append(sections).toString();
  }
}
