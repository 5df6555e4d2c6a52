package io.gastown.status.model;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Pods the expansion makes, taken from the generator's golden cases
 * (generator/src/test/resources/expand), so that the status tests read exactly the shape the
 * webhook produces: a change to it that the reporter cannot read fails here.
 */
final class ExpandedPods {
  static final Path CASES = Golden.root().resolve("generator/src/test/resources/expand");

  /** The case the hand-written fixtures take their Pod spec from. */
  static final String DEFAULT_CASE = "claude-api-key";

  private ExpandedPods() {}

  /** One golden case that expands: its Polecat and the expanded Pod. */
  record Case(String name, Polecat polecat, Pod pod) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> all() {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.filter(d -> Files.exists(d.resolve("expected.yaml")))
          .sorted()
          .map(
              d ->
                  new Case(
                      d.getFileName().toString(),
                      read(d.resolve("polecat.yaml"), Polecat.class),
                      read(d.resolve("expected.yaml"), Pod.class)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PodSpec spec(String name) {
    return read(CASES.resolve(name).resolve("expected.yaml"), Pod.class).getSpec();
  }

  private static <T> T read(Path file, Class<T> type) {
    try {
      return Serialization.readYaml(Files.readString(file), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
