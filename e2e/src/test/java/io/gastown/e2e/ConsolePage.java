package io.gastown.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ```console} blocks of a Markdown page: each line starting with {@code $ } is a
 * command, the lines up to the next command (or the end of the block) are its output. Everything
 * else on the page is prose. The page can be written back with other outputs, leaving every other
 * byte as it was.
 */
public final class ConsolePage {
  static final String PROMPT = "$ ";

  /** One command of the page: where it is, what it runs, what the page says it prints. */
  public record Step(int line, String command, List<String> output) {}

  private final List<String> lines;
  private final List<Step> steps;

  private ConsolePage(List<String> lines, List<Step> steps) {
    this.lines = lines;
    this.steps = steps;
  }

  public static ConsolePage parse(String markdown) {
    List<String> lines = List.of(markdown.split("\n", -1));
    List<Step> steps = new ArrayList<>();
    boolean inConsole = false;
    Step current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!inConsole) {
        inConsole = line.strip().equals("```console");
        continue;
      }
      if (line.strip().equals("```")) {
        inConsole = false;
        current = null;
      } else if (line.startsWith(PROMPT)) {
        current = new Step(i, line.substring(PROMPT.length()).strip(), new ArrayList<>());
        steps.add(current);
      } else if (current == null) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": output before the first command of a console block");
      } else {
        current.output().add(line);
      }
    }
    if (inConsole) {
      throw new IllegalArgumentException("a ```console block is not closed");
    }
    return new ConsolePage(lines, List.copyOf(steps));
  }

  public List<Step> steps() {
    return steps;
  }

  /**
   * The page with each step's output replaced by {@code outputs} (same order; null keeps the
   * page's).
   */
  public String withOutputs(List<List<String>> outputs) {
    List<String> result = new ArrayList<>();
    int next = 0;
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      result.addAll(lines.subList(next, step.line() + 1));
      result.addAll(outputs.get(s) != null ? outputs.get(s) : step.output());
      next = step.line() + 1 + step.output().size();
    }
    result.addAll(lines.subList(next, lines.size()));
    return String.join("\n", result);
  }

  /**
   * The words of a command line as a POSIX shell splits them (quotes and backslashes; no
   * expansions).
   */
  public static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < command.length()
            && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
          word.append(command.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\' && i + 1 < command.length()) {
          word.append(command.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed quote in: " + command);
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
