package io.gastown.expand;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.BeadStore;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** One directory under src/test/resources/expand (see the README there). */
record ExpansionCase(
    String name,
    Path dir,
    Pod pod,
    Polecat polecat,
    Rig rig,
    BeadStore beadStore,
    PlatformConfig platform) {

  static final Path ROOT = Golden.root().resolve("generator/src/test/resources/expand");
  private static final Set<String> KNOWN_FILES =
      Set.of(
          "polecat.yaml",
          "rig.yaml",
          "beadstore.yaml",
          "platform.yaml",
          "pod.yaml",
          "expected.yaml",
          "error.txt");

  static List<ExpansionCase> all() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).sorted().map(ExpansionCase::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ExpansionCase load(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        if (!KNOWN_FILES.contains(file.getFileName().toString())) {
          throw new IllegalStateException(
              dir + " has an unknown file " + file.getFileName() + ": known are " + KNOWN_FILES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path podFile =
        Files.exists(dir.resolve("pod.yaml"))
            ? dir.resolve("pod.yaml")
            : ROOT.resolve("pod-from-job.yaml");
    return new ExpansionCase(
        dir.getFileName().toString(),
        dir,
        read(podFile, Pod.class),
        read(dir.resolve("polecat.yaml"), Polecat.class),
        readIfPresent(dir.resolve("rig.yaml"), Rig.class),
        readIfPresent(dir.resolve("beadstore.yaml"), BeadStore.class),
        Files.exists(dir.resolve("platform.yaml"))
            ? PlatformConfig.fromYaml(text(dir.resolve("platform.yaml")))
            : PlatformConfig.defaults());
  }

  Path expectedFile() {
    return dir.resolve("expected.yaml");
  }

  Path errorFile() {
    return dir.resolve("error.txt");
  }

  boolean expectsError() {
    return Files.exists(errorFile());
  }

  String expectedError() {
    return text(errorFile()).strip();
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(Path file, Class<T> type) {
    return Serialization.readYaml(text(file), type);
  }

  private static <T> T readIfPresent(Path file, Class<T> type) {
    return Files.exists(file) ? read(file, type) : null;
  }

  @Override
  public String toString() {
    return name;
  }
}
