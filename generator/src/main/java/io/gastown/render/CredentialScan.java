package io.gastown.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must never be committed to a GitOps repository: Secret manifests and text that looks like a credential
 * (private keys, well-known token formats, passwords in URLs). A finding names the file, line and kind of
 * credential, never the value, so it is safe to print.
 */
public final class CredentialScan {
  /** One suspicious line: where, and what it looks like. */
  public record Finding(String path, int line, String what) {
    @Override
    public String toString() {
      return path + " line " + line + ": " + what;
    }
  }

  private record Rule(String what, Pattern pattern) {
  }

  private static final List<Rule> RULES = List.of(
      new Rule("a Secret manifest", Pattern.compile("^kind:\\s*[\"']?Secret[\"']?\\s*$")),
      new Rule("a private key", Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")),
      new Rule("a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})")),
      new Rule("a GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}")),
      new Rule("an Anthropic API key or token", Pattern.compile("\\bsk-ant-[A-Za-z0-9_-]{20,}")),
      new Rule("an OpenAI-style API key", Pattern.compile("\\bsk-(proj-)?[A-Za-z0-9_-]{32,}")),
      new Rule("an AWS access key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
      new Rule("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
      new Rule("a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
      new Rule("a JSON web token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}")),
      new Rule("a password in a URL", Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@")));

  private CredentialScan() {
  }

  public static List<Finding> scan(RenderedFile file) {
    List<Finding> findings = new ArrayList<>();
    String[] lines = file.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (Rule rule : RULES) {
        Matcher matcher = rule.pattern().matcher(lines[i]);
        if (matcher.find()) {
          findings.add(new Finding(file.path(), i + 1, rule.what()));
          break; // one finding per line is enough to refuse it
        }
      }
    }
    return findings;
  }

  public static List<Finding> scan(Iterable<RenderedFile> files) {
    List<Finding> findings = new ArrayList<>();
    for (RenderedFile file : files) {
      findings.addAll(scan(file));
    }
    return findings;
  }
}
