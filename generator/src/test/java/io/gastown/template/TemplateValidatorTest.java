package io.gastown.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.model.Serialization;
import io.gastown.validation.SchemaValidator;
import io.gastown.validation.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The template validator on the validation core: what it checks, and what a missing variable keeps
 * unchecked.
 */
class TemplateValidatorTest {
  static final String POLECAT =
      """
      apiVersion: gastown.gastown.io/v1alpha1
      kind: Polecat
      metadata:
        name: {{NAME}}
        namespace: gt-my-rig
        labels:
          gastown.io/bead: {{BEAD}}
      spec:
        rig: my-rig
        beadID: gt-1
        agent: {{AGENT}}
      """;

  static List<String> problems(String template, Map<String, String> values) {
    return TemplateValidator.validate("t.yaml", template, values).problems();
  }

  @Test
  void theCrossFieldRulesApplyOnceEveryVariableHasAValue() {
    assertThat(problems(POLECAT, Map.of("NAME", "furiosa", "BEAD", "gt-1", "AGENT", "aider")))
        .containsExactly(
            "Polecat furiosa: spec.agentConfig.model: is required for agent aider: set it "
                + "(kubectl gt sling --model MODEL)");
    assertThat(problems(POLECAT, Map.of("BEAD", "gt-1", "AGENT", "aider")))
        .as("a placeholder is no wrong value")
        .containsExactly("line 4: variable {{NAME}} has no value (set it with --set NAME=...)");
  }

  @Test
  void metadataIsCheckedAsTheApiserverChecksIt() {
    assertThat(problems(POLECAT, Map.of("NAME", "Furiosa", "BEAD", "gt 1", "AGENT", "claude-code")))
        .containsExactlyInAnyOrder(
            "Polecat Furiosa: metadata.name: must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, "
                + "'-' and '.', starting and ending with a letter or digit (got \"Furiosa\")",
            "Polecat Furiosa: metadata.labels[gastown.io/bead]: must be a label value: at most 63 letters, digits, "
                + "'-', '_' and '.', starting and ending with a letter or digit (got \"gt 1\")");
    assertThat(problems(POLECAT, Map.of("NAME", "furiosa", "BEAD", "123", "AGENT", "claude-code")))
        .containsExactly(
            "Polecat furiosa: metadata.labels[gastown.io/bead]: must be a string (got 123)");
    assertThat(
            problems(
                POLECAT.replace("  name: {{NAME}}\n", ""),
                Map.of("BEAD", "gt-1", "AGENT", "claude-code")))
        .containsExactly("Polecat (unnamed): metadata.name: is required");
  }

  @Test
  void nullsArePrunedAsTheApiserverPrunesThem() {
    String polecat = POLECAT + "  taskDescription: {{TASK}}\n";
    assertThat(
            problems(
                polecat,
                Map.of("NAME", "furiosa", "BEAD", "gt-1", "AGENT", "claude-code", "TASK", "")))
        .isEmpty();
    assertThat(
            problems(
                polecat.replace("  rig: my-rig\n", "  rig:\n"),
                Map.of("NAME", "furiosa", "BEAD", "gt-1", "AGENT", "claude-code", "TASK", "x")))
        .containsExactly("Polecat furiosa: spec.rig: is required");
  }

  @Test
  void supportingObjectsAreLeftToTheApiserver() {
    assertThat(
            problems(
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: Not_Checked\nspec: 3\n",
                Map.of()))
        .isEmpty();
    assertThat(
            problems(
                "apiVersion: gastown.gastown.io/v1beta1\nkind: Polecat\nmetadata:\n  name: x\n",
                Map.of()))
        .containsExactly(
            "Polecat x: no CRD defines Polecat in gastown.gastown.io/v1beta1 (check apiVersion and kind)");
  }

  @Test
  void theSchemaValidatorLeavesUnknownValuesUnchecked() {
    JsonNode schema =
        Serialization.readYaml(
            """
        type: object
        required: [count]
        properties:
          count: {type: integer, minimum: 1}
          name: {type: string, maxLength: 3}
        """);
    JsonNode object = Serialization.readYaml("{count: later, name: later}");
    assertThat(SchemaValidator.validate(schema, object))
        .extracting(Violation::path)
        .containsExactly("count", "name");
    assertThat(SchemaValidator.validate(schema, object, v -> v.asText().equals("later"))).isEmpty();
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    JsonNode schema =
        Serialization.readYaml("{type: object, properties: {name: {type: string, maxLength: 3}}}");
    String threeRockets = "\uD83D\uDE80\uD83D\uDE80\uD83D\uDE80";
    assertThat(
            SchemaValidator.validate(
                schema, Serialization.readYaml("{name: \"" + threeRockets + "\"}")))
        .isEmpty();
  }
}
