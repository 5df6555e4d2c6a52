package io.gastown.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's checked-in CRD files: {@code kustomize/base/crds/*.yaml} and {@code *.yml}. */
final class CrdManifests {
  static final String DIRECTORY = "kustomize/base/crds";

  private CrdManifests() {}

  /**
   * The YAML files under {@code <root>/kustomize/base/crds}, sorted by name; empty when there are
   * none yet.
   */
  static List<Path> find(Path repositoryRoot) {
    Path directory = repositoryRoot.resolve(DIRECTORY);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml") && !isKustomization(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The repository root: {@code -Dgastown.root} (set by the build), else the nearest parent holding
   * hack/.
   */
  static Path repositoryRoot() {
    String configured = System.getProperty("gastown.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(ControlPlaneBinaries.PROVISIONING_SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the repository root: set -Dgastown.root=<checkout>");
  }

  private static boolean isKustomization(Path file) {
    return file.getFileName().toString().startsWith("kustomization.");
  }
}
