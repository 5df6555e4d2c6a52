package io.gastown.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects shown in a Markdown document (the seed documents): every fenced block is searched for
 * YAML documents that start with a given apiVersion, whether the block is YAML or a shell session
 * (heredoc or {@code cat} output).
 */
public final class SeedExamples {
  private static final Pattern FENCE = Pattern.compile("(?ms)^```[a-z]*\\n(.*?)^```");

  /** One object: where it is ({@code document:line} of its block) and its YAML as written. */
  public record Example(String source, String yaml) {
    public String kind() {
      Matcher m = Pattern.compile("(?m)^kind: *(\\w+)").matcher(yaml);
      return m.find() ? m.group(1) : "";
    }

    @Override
    public String toString() {
      return source + " " + kind();
    }
  }

  private SeedExamples() {}

  /**
   * The examples of {@code apiVersion} in a Markdown {@code document} called {@code name}, in
   * document order.
   */
  public static List<Example> in(String document, String name, String apiVersion) {
    List<Example> examples = new ArrayList<>();
    Matcher block = FENCE.matcher(document);
    while (block.find()) {
      int line =
          1 + (int) document.substring(0, block.start()).chars().filter(c -> c == '\n').count();
      StringBuilder current = null;
      for (String text : block.group(1).split("\n")) {
        if (text.startsWith("apiVersion: " + apiVersion)) {
          current = new StringBuilder();
        } else if (current != null
            && (text.startsWith("EOF") || text.startsWith("$ ") || text.equals("---"))) {
          examples.add(new Example(name + ":" + line, current.toString()));
          current = null;
        }
        if (current != null) {
          current.append(text).append('\n');
        }
      }
      if (current != null) {
        examples.add(new Example(name + ":" + line, current.toString()));
      }
    }
    return examples;
  }
}
