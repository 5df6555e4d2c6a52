package io.gastown.cli.template;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The variables' values: {@code --values FILE} (NAME=VALUE lines), then {@code --set NAME=VALUE},
 * which wins.
 */
public class TemplateValues {
  @Option(
      names = "--values",
      paramLabel = "FILE",
      description =
          "A file of NAME=VALUE lines (blank lines and # comments are skipped). Repeatable; later files win.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description =
          "The value of one variable, e.g. --set POLECAT_NAME=furiosa. Repeatable; wins over --values.")
  Map<String, String> set = new LinkedHashMap<>();

  /** The values, in the order they were given. */
  public Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Path file : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (NoSuchFileException e) {
        throw GtException.notFound("--values " + file + ": no such file");
      } catch (IOException e) {
        throw new GtException(
            ExitCode.UNEXPECTED, "--values " + file + ": cannot read it: " + e.getMessage(), e);
      }
      for (String line : lines) {
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
          throw new GtException(
              ExitCode.USAGE, "--values " + file + ": expected NAME=VALUE, got '" + line + "'");
        }
        values.put(line.substring(0, eq).strip(), line.substring(eq + 1));
      }
    }
    values.putAll(set);
    return values;
  }
}
