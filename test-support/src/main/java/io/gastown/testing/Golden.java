package io.gastown.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: compare generated text with a checked-in file, or rewrite the file when the tests
 * run with {@code -Dgolden.update=true}.
 */
public final class Golden {
  public static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private Golden() {}

  /** The repository root, from the {@code gastown.root} property that the build sets. */
  public static Path root() {
    String root = System.getProperty("gastown.root");
    return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
  }

  public static void check(Path file, String actual, String regenerate) throws IOException {
    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
      return;
    }
    if (!Files.exists(file)) {
      fail(root().relativize(file) + " does not exist. Generate it with: " + regenerate);
    }
    String expected = Files.readString(file);
    if (!expected.equals(actual)) {
      fail(
          root().relativize(file)
              + " is stale (it differs from what the code generates)."
              + " Regenerate it with: "
              + regenerate
              + "\n"
              + firstDifference(expected, actual));
    }
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end of file>";
      String al = i < a.length ? a[i] : "<end of file>";
      if (!el.equals(al)) {
        return "first difference at line "
            + (i + 1)
            + ":\n  checked in: "
            + el
            + "\n  generated:  "
            + al;
      }
    }
    return "";
  }
}
