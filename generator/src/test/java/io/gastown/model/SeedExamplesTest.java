package io.gastown.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.testing.Golden;
import io.gastown.testing.SeedExamples;
import io.gastown.validation.Crds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Rig, Polecat and Convoy example in the seed documents is accepted as written. */
class SeedExamplesTest {
  static final List<String> DOCUMENTS =
      List.of(
          "seed-agent-readme.md",
          "seed-claude-md.md",
          "seed-readme-early.md",
          "seed-readme.md",
          "seed-user-guide.md");
  static final Map<String, Class<?>> MODEL =
      Map.of("Rig", Rig.class, "Polecat", Polecat.class, "Convoy", Convoy.class);

  static List<SeedExamples.Example> examples() throws IOException {
    List<SeedExamples.Example> all = new ArrayList<>();
    for (String document : DOCUMENTS) {
      all.addAll(SeedExamples.in(read(document), document, GasTown.API_VERSION));
    }
    return all;
  }

  @Test
  void theSeedDocumentsShowRigsAndPolecats() throws IOException {
    List<String> kinds = examples().stream().map(SeedExamples.Example::kind).toList();
    assertThat(kinds).contains("Rig", "Polecat").hasSizeGreaterThanOrEqualTo(6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleBindsToTheModelWithNoUnknownField(SeedExamples.Example example) throws IOException {
    Class<?> type = MODEL.get(example.kind());
    assertThat(type).as("kind of " + example).isNotNull();
    Object object =
        Serialization.yamlMapper()
            .readerFor(type)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readValue(example.yaml());
    assertThat(object).isInstanceOf(type);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleSatisfiesTheGeneratedCrdSchema(SeedExamples.Example example) {
    JsonNode object = Serialization.readYaml(example.yaml());
    assertThat(Crds.validate(object)).as(example.toString()).isEmpty();
  }

  @Test
  void testCopiesOfTheSeedsMatchTheOriginals() throws IOException {
    Path originals = Golden.root().resolveSibling("shared").resolve("seeds");
    if (!Files.isDirectory(originals)) {
      return; // Only the copies travel with the repository; nothing to compare against here.
    }
    for (String document : DOCUMENTS) {
      assertThat(read(document))
          .as(document)
          .isEqualTo(Files.readString(originals.resolve(document)));
    }
  }

  private static String read(String document) throws IOException {
    try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/seeds/" + document)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
