package io.gastown.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gastown.model.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast YAML writer writes exactly what Jackson writes, or declines. */
class PlainYamlTest {
  static List<JsonNode> renderedDocuments() {
    List<JsonNode> documents = new ArrayList<>();
    for (RenderedFile file : RenderGoldenTest.repository()) {
      if (file.path().endsWith(".yaml") && !file.path().endsWith(GitOpsLayout.KUSTOMIZATION)) {
        documents.addAll(Manifests.readAll(file.text()));
      }
    }
    return documents;
  }

  @Test
  void writesRenderedManifestsExactlyAsJacksonDoes() {
    List<JsonNode> documents = renderedDocuments();
    int written = 0;
    for (JsonNode document : documents) {
      Optional<String> fast = PlainYaml.write(document);
      if (fast.isPresent()) {
        assertThat(fast.get()).isEqualTo(Manifests.jackson(document));
        written++;
      }
    }
    // Everything but the polecat with a multi-line task and the CronJob (a schedule that needs
    // quotes) takes the fast path.
    assertThat(written).isEqualTo(documents.size() - 2);
  }

  @Test
  void randomStringsAreWrittenAsJacksonDoesOrDeclined() {
    String alphabet = "abc   XYZ019_-./@+=:~ #'\"!&*?|>%`,[]{}\t\\éyYnN";
    String[] words = {
      "true",
      "False",
      "YES",
      "no",
      "on",
      "Off",
      "null",
      "Null",
      "~",
      "y",
      "n",
      "NaN",
      "Infinity",
      ".inf",
      "1e3",
      "0x1F",
      "1_000",
      "12:30",
      "-1",
      "0",
      "007",
      "+1",
      "-",
      "--",
      "a:",
      "a: b",
      "a #b",
      "::",
      "git@github.com:acme/shop.git",
      "https://github.com/acme",
      "feature/gt-1",
      "/abs",
      "_x",
      "x.y",
      "=",
      "@a"
    };
    Random random = new Random(42);
    List<String> samples = new ArrayList<>(List.of(words));
    for (int i = 0; i < 20000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(6) + 1; n > 0; n--) {
        text.append(
            random.nextInt(4) == 0
                ? words[random.nextInt(words.length)]
                : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
      }
      samples.add(text.toString());
    }
    int fast = 0;
    for (String sample : samples) {
      ObjectNode document = Serialization.jsonMapper().createObjectNode();
      document.put("key", sample);
      document.putArray("list").add(sample).addObject().put(sample.isEmpty() ? "k" : "k", sample);
      document.putObject("map").put("inner", sample);
      Optional<String> written = PlainYaml.write(document);
      if (written.isPresent()) {
        assertThat(written.get()).as("'%s'", sample).isEqualTo(Manifests.jackson(document));
        fast++;
      }
    }
    assertThat(fast).as("some samples take the fast path").isGreaterThan(100);
  }

  @Test
  void numbersBooleansEmptyContainersAndKeysAreWrittenAsJacksonDoes() {
    ObjectNode document = Serialization.jsonMapper().createObjectNode();
    document
        .put("count", 3)
        .put("negative", -2)
        .put("flag", true)
        .put("wave", "-1")
        .put("zero", "0");
    document.putObject("empty");
    document.putArray("none");
    document.putArray("items").addObject().put("a", "b").put("c", 1);
    document.putObject("labels").put("gastown.io/rig", "shop").put("app.kubernetes.io/name", "x");
    assertThat(PlainYaml.write(document)).contains(Manifests.jackson(document));
  }
}
