package io.gastown.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.testing.Golden;
import io.gastown.validation.Crds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRDs checked in under kustomize/base/crds are exactly what the model classes generate. */
class CrdDriftTest {
  static final Path CHECKED_IN = Golden.root().resolve("kustomize/base/crds");

  @ParameterizedTest
  @ValueSource(strings = {"Rig", "Polecat", "Convoy", "Witness", "Refinery", "BeadStore"})
  void checkedInCrdIsWhatTheModelGenerates(String kind) throws IOException {
    String generated = Files.readString(Path.of("target/crds", Crds.fileName(kind)));
    String expected = CrdFiles.normalize(generated, CrdFiles.MODEL.get(kind));
    Golden.check(CHECKED_IN.resolve(Crds.fileName(kind)), expected, CrdFiles.REGENERATE);
  }

  @Test
  void noStaleCrdFilesAreLeftBehind() throws IOException {
    List<String> expected = CrdFiles.MODEL.keySet().stream().map(Crds::fileName).sorted().toList();
    try (Stream<Path> files = Files.list(CHECKED_IN)) {
      List<String> present =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yml"))
              .sorted()
              .toList();
      assertThat(present).as("CRD files in " + CHECKED_IN).containsExactlyElementsOf(expected);
    }
  }
}
