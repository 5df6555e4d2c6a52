package io.gastown.cli.template;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The template files named on the command line: a file, or every *.yaml and *.yml file of a
 * directory.
 */
final class Templates {
  private Templates() {}

  static List<Path> expand(List<Path> named) {
    List<Path> templates = new ArrayList<>();
    for (Path path : named) {
      if (!Files.isDirectory(path)) {
        templates.add(path);
        continue;
      }
      try (Stream<Path> files = Files.list(path)) {
        List<Path> yaml =
            files
                .filter(
                    f ->
                        Files.isRegularFile(f)
                            && (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")))
                .sorted()
                .toList();
        if (yaml.isEmpty()) {
          throw GtException.notFound(path + " holds no template (*.yaml, *.yml)");
        }
        templates.addAll(yaml);
      } catch (IOException e) {
        throw new GtException(
            ExitCode.UNEXPECTED, "cannot list " + path + ": " + e.getMessage(), e);
      }
    }
    return templates;
  }

  static String read(Path template) {
    try {
      return Files.readString(template);
    } catch (NoSuchFileException e) {
      throw GtException.notFound("no template at " + template);
    } catch (IOException e) {
      throw new GtException(
          ExitCode.UNEXPECTED, "cannot read " + template + ": " + e.getMessage(), e);
    }
  }

  static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
