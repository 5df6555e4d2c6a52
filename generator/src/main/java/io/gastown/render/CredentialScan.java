package io.gastown.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must never be committed to a GitOps repository: Secret manifests and text that looks
 * like a credential (private keys, well-known token formats, passwords in URLs). A finding names
 * the file, line and kind of credential, never the value, so it is safe to print.
 */
public final class CredentialScan {
  /** One suspicious line: where, and what it looks like. */
  public record Finding(String path, int line, String what) {
    @Override
    public String toString() {
      return path + " line " + line + ": " + what;
    }
  }

  /**
   * A rule only runs on text that contains its literal (fast indexOf), so clean files cost one scan
   * per literal.
   */
  private record Rule(String what, String literal, Pattern pattern) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "a Secret manifest",
              "Secret",
              Pattern.compile("^kind:[ \\t]*[\"']?Secret[\"']?[ \\t]*$", Pattern.MULTILINE)),
          new Rule(
              "a private key",
              "PRIVATE KEY",
              Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")),
          new Rule("a GitHub token", "gh", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}")),
          new Rule(
              "a GitHub token", "github_pat_", Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{20,}")),
          new Rule("a GitLab token", "glpat-", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}")),
          new Rule(
              "an Anthropic API key or token",
              "sk-ant-",
              Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{20,}")),
          new Rule(
              "an OpenAI-style API key",
              "sk-",
              Pattern.compile("\\bsk-(proj-)?[A-Za-z0-9_-]{32,}")),
          new Rule("an AWS access key", "IA", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
          new Rule("a Google API key", "AIza", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
          new Rule("a Slack token", "xox", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
          new Rule(
              "a JSON web token",
              "eyJ",
              Pattern.compile(
                  "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}")),
          new Rule(
              "a password in a URL",
              "://",
              Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@")));

  private CredentialScan() {}

  public static List<Finding> scan(RenderedFile file) {
    String text = file.text();
    // One pass over the whole text per rule (fast for the common case of no finding), then the line
    // numbers.
    java.util.TreeMap<Integer, String> byLine = new java.util.TreeMap<>();
    for (Rule rule : RULES) {
      if (!text.contains(rule.literal())) {
        continue;
      }
      Matcher matcher = rule.pattern().matcher(text);
      while (matcher.find()) {
        byLine.putIfAbsent(lineOf(text, matcher.start()), rule.what());
      }
    }
    List<Finding> findings = new ArrayList<>();
    byLine.forEach((line, what) -> findings.add(new Finding(file.path(), line, what)));
    return findings;
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  public static List<Finding> scan(Iterable<RenderedFile> files) {
    List<Finding> findings = new ArrayList<>();
    for (RenderedFile file : files) {
      findings.addAll(scan(file));
    }
    return findings;
  }
}
