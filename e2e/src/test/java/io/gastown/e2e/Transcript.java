package io.gastown.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What of a command's output may differ between two runs, and is made equal before comparing:
 * commit ids, the random suffix of a Job's Pod, ages and durations, timestamps, and the width of
 * table columns (which follows the width of those values).
 */
public final class Transcript {
  private static final Pattern COMMIT = Pattern.compile("\\b[0-9a-f]{7,40}\\b");
  private static final Pattern POD_SUFFIX =
      Pattern.compile("\\b(polecat-[a-z0-9-]+?)-[bcdfghjklmnpqrstvwxz2-9]{5}\\b");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?\\b");
  private static final Pattern AGE =
      Pattern.compile("(?<![\\w.-])\\d+(\\.\\d+)?(ms|s|m|h|d)(\\d+(s|m|h))?(?![\\w-])");
  private static final Pattern SPACES = Pattern.compile("[ \\t]+");

  private Transcript() {}

  /** The lines, each normalized; trailing empty lines dropped. */
  public static List<String> normalize(List<String> lines) {
    List<String> normalized = lines.stream().map(Transcript::normalize).toList();
    int end = normalized.size();
    while (end > 0 && normalized.get(end - 1).isEmpty()) {
      end--;
    }
    return normalized.subList(0, end);
  }

  static String normalize(String line) {
    String text = TIMESTAMP.matcher(line).replaceAll("<time>");
    text = POD_SUFFIX.matcher(text).replaceAll("$1-<pod>");
    text = COMMIT.matcher(text).replaceAll("<commit>");
    text = AGE.matcher(text).replaceAll("<age>");
    return SPACES.matcher(text).replaceAll(" ").strip();
  }

  /**
   * A command's output as the page shows it: stdout, then stderr, as a terminal would show both.
   */
  public static List<String> lines(String out, String err) {
    String text = out + err;
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
  }
}
