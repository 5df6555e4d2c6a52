package io.gastown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.model.GasTown;
import io.gastown.template.TemplateRenderer;
import io.gastown.template.TemplateValidator;
import io.gastown.template.Yamls;
import io.gastown.testing.Golden;
import io.gastown.validation.Crds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The templates in templates/ and the validator that {@code kubectl gt template validate|render}
 * runs on them (io.gastown.template, on the validation core of io.gastown.validation).
 */
class TemplateValidateTest {
  static final Path ROOT = Golden.root();
  static final Path TEMPLATES = ROOT.resolve("templates");

  static Stream<String> templates() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  static Map<String, String> goodValues() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(
            ROOT.resolve("deploy-tests/src/test/resources/templates/good-values.env"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return values;
  }

  static TemplateValidator.Result validate(String template, Map<String, String> values)
      throws IOException {
    return TemplateValidator.validate(
        template, Files.readString(TEMPLATES.resolve(template)), values);
  }

  @Test
  void shipsTheFourTemplates() throws IOException {
    assertThat(templates())
        .containsExactlyInAnyOrder(
            "polecat-minimal.yaml", "polecat-kubernetes.yaml", "convoy.yaml", "rig.yaml");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void aGoodRenderPasses(String template) throws IOException {
    TemplateValidator.Result result = validate(template, goodValues());
    assertThat(result.problems()).isEmpty();
    assertThat(result.rendered()).doesNotContainPattern("(?m)^[^#]*\\{\\{");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRigTemplatesNamespaceCarriesTheLabelsKubectlGtWrites() throws IOException {
    Map<String, String> values = goodValues();
    Map<String, Object> namespace =
        (Map<String, Object>)
            Yamls.loadAll(validate("rig.yaml", values).rendered()).stream()
                .map(o -> (Map<String, Object>) o)
                .filter(o -> "Namespace".equals(o.get("kind")))
                .findFirst()
                .orElseThrow();
    assertThat(
            (Map<String, Object>) ((Map<String, Object>) namespace.get("metadata")).get("labels"))
        .isEqualTo(GasTown.rigNamespaceLabels(values.get("RIG_NAME")));
  }

  @ParameterizedTest
  @MethodSource("templates")
  void everyMissingVariableIsReportedWithItsLine(String template) throws IOException {
    String text = Files.readString(TEMPLATES.resolve(template));
    List<String> variables = TemplateRenderer.variables(text);
    assertThat(variables).hasSizeGreaterThanOrEqualTo(3);

    TemplateValidator.Result result = validate(template, Map.of());

    assertThat(result.problems()).hasSize(variables.size()); // no schema noise from the holes
    for (String variable : variables) {
      int line = lineOf(text, "{{" + variable + "}}");
      assertThat(result.problems())
          .contains(
              "line "
                  + line
                  + ": variable {{"
                  + variable
                  + "}} has no value (set it with --set "
                  + variable
                  + "=...)");
    }
  }

  @Test
  void oneMissingVariableAmongGoodOnesIsTheOnlyProblem() throws IOException {
    Map<String, String> values = goodValues();
    values.remove("BEAD_ID");
    assertThat(validate("polecat-kubernetes.yaml", values).problems())
        .containsExactly(
            "line "
                + lineOf(
                    Files.readString(TEMPLATES.resolve("polecat-kubernetes.yaml")), "{{BEAD_ID}}")
                + ": variable {{BEAD_ID}} has no value (set it with --set BEAD_ID=...)");
  }

  @Test
  void everyBadFieldIsReportedNotJustTheFirst() throws IOException {
    Map<String, String> values = goodValues();
    values.put("GIT_URL", "github.com/example/app"); // pattern
    values.put("BEADS_PREFIX", "GT"); // pattern
    values.put("MAX_POLECATS", "eight"); // type
    values.put("GIT_SECRET", "Git_Creds"); // pattern of a nested required field
    values.put("RIG_NAME", "my_rig"); // metadata.name and a label value

    List<String> problems = validate("rig.yaml", values).problems();

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "Rig my_rig: metadata.name: must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.',"
                + " starting and ending with a letter or digit (got \"my_rig\")",
            "Rig my_rig: spec.gitURL: must match "
                + rigSpec("gitURL").path("pattern").asText()
                + " (got \"github.com/example/app\")",
            "Rig my_rig: spec.beadsPrefix: must match "
                + rigSpec("beadsPrefix").path("pattern").asText()
                + " (got \"GT\")",
            "Rig my_rig: spec.settings.maxPolecats: must be an integer (got \"eight\")",
            "Rig my_rig: spec.settings.gitSecretRef.name: must match "
                + rigSpec("settings")
                    .path("properties")
                    .path("gitSecretRef")
                    .path("properties")
                    .path("name")
                    .path("pattern")
                    .asText()
                + " (got \"Git_Creds\")");
  }

  @Test
  void enumsUnknownFieldsAndMissingRequiredFieldsAreReported() {
    String polecat =
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata:
          name: furiosa
          namespace: my-rig
        spec:
          beadID: gt-123
          desiredState: Runing
          agent: claude
          taskDescripton: typo
          kubernetes:
            activeDeadlineSeconds: 0
        """;
    List<String> problems = TemplateValidator.validate("inline", polecat, Map.of()).problems();
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "Polecat furiosa: spec.rig: is required",
            "Polecat furiosa: spec.desiredState: must be one of "
                + enumOf("desiredState")
                + " (got \"Runing\")",
            "Polecat furiosa: spec.agent: must be one of " + enumOf("agent") + " (got \"claude\")",
            "Polecat furiosa: spec.taskDescripton: is not a known field (known: agent, agentConfig, beadID, desiredState,"
                + " executionMode, kubernetes, rig, taskDescription)",
            "Polecat furiosa: spec.kubernetes.activeDeadlineSeconds: must be at least 1 (got 0)");
  }

  @Test
  void aValueThatBreaksTheYamlIsReportedWithItsLine() throws IOException {
    Map<String, String> values = goodValues();
    values.put("GIT_BRANCH", "[main");
    List<String> problems = validate("polecat-kubernetes.yaml", values).problems();
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("line ")
        .contains("not valid YAML after rendering");
  }

  @Test
  void aKindNoCrdDefinesIsReported() {
    String text = "apiVersion: gastown.gastown.io/v1alpha1\nkind: Polecats\nmetadata:\n  name: x\n";
    assertThat(TemplateValidator.validate("inline", text, Map.of()).problems())
        .containsExactly(
            "Polecats x: no CRD defines Polecats in gastown.gastown.io/v1alpha1 (check apiVersion and kind)");
  }

  private static int lineOf(String text, String needle) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle) && !lines[i].stripLeading().startsWith("#")) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not found");
  }

  private static com.fasterxml.jackson.databind.JsonNode rigSpec(String field) {
    return Crds.schema("Rig").path("properties").path("spec").path("properties").path(field);
  }

  private static String enumOf(String field) {
    List<String> values = new ArrayList<>();
    Crds.schema("Polecat")
        .path("properties")
        .path("spec")
        .path("properties")
        .path(field)
        .path("enum")
        .forEach(v -> values.add(v.asText()));
    return String.join(", ", values);
  }
}
