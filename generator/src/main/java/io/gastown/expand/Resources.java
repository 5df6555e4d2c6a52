package io.gastown.expand;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Fixed text shipped with the expander: the container scripts and the built-in known_hosts. */
final class Resources {
  static final String GIT_INIT_SCRIPT = read("git-init.sh");
  static final String AGENT_SCRIPT = read("agent-run.sh");
  static final String REFINERY_MERGE_SCRIPT = read("refinery-merge.sh");

  /** The built-in known_hosts without its comment lines (they only document the sources). */
  static final String BUILT_IN_KNOWN_HOSTS = withoutComments(read("known_hosts"));

  private Resources() {}

  static String read(String name) {
    try (InputStream in = Resources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource io/gastown/expand/" + name + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String withoutComments(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
