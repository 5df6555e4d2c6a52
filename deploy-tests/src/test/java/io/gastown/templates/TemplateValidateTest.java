package io.gastown.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.testing.Golden;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateValidateTest {
  static final Path ROOT = Golden.root();
  static final Path TEMPLATES = ROOT.resolve("templates");
  static final TemplateValidator VALIDATOR = new TemplateValidator(CrdSchemas.load(ROOT.resolve("kustomize/base/crds")));

  static Stream<String> templates() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static Map<String, String> goodValues() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve("deploy-tests/src/test/resources/templates/good-values.env"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return values;
  }

  static TemplateValidator.Result validate(String template, Map<String, String> values) throws IOException {
    return VALIDATOR.validate(template, Files.readString(TEMPLATES.resolve(template)), values);
  }

  @Test
  void shipsTheFourTemplates() throws IOException {
    assertThat(templates()).containsExactlyInAnyOrder(
        "polecat-minimal.yaml", "polecat-kubernetes.yaml", "convoy.yaml", "rig.yaml");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void aGoodRenderPasses(String template) throws IOException {
    TemplateValidator.Result result = validate(template, goodValues());
    assertThat(result.problems()).isEmpty();
    assertThat(result.rendered()).doesNotContainPattern("(?m)^[^#]*\\{\\{");
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
      assertThat(result.problems()).contains(
          "line " + line + ": variable {{" + variable + "}} has no value (set it with --set " + variable + "=...)");
    }
  }

  @Test
  void oneMissingVariableAmongGoodOnesIsTheOnlyProblem() throws IOException {
    Map<String, String> values = goodValues();
    values.remove("BEAD_ID");
    assertThat(validate("polecat-kubernetes.yaml", values).problems()).containsExactly(
        "line " + lineOf(Files.readString(TEMPLATES.resolve("polecat-kubernetes.yaml")), "{{BEAD_ID}}")
            + ": variable {{BEAD_ID}} has no value (set it with --set BEAD_ID=...)");
  }

  @Test
  void everyBadFieldIsReportedNotJustTheFirst() throws IOException {
    Map<String, String> values = goodValues();
    values.put("GIT_URL", "github.com/example/app");        // pattern
    values.put("BEADS_PREFIX", "GT");                       // pattern
    values.put("MAX_POLECATS", "eight");                    // type
    values.put("GIT_SECRET", "Git_Creds");                  // pattern of a nested required field
    values.put("RIG_NAME", "my_rig");                       // metadata.name and a label value

    List<String> problems = validate("rig.yaml", values).problems();

    assertThat(problems).contains(
        "Rig my_rig: metadata.name: \"my_rig\" is not a valid name: lower case letters, digits, '-' and '.',"
            + " starting and ending with a letter or digit",
        "Rig my_rig: spec.gitURL: \"github.com/example/app\" does not match the pattern " + crdPattern("rigs", "gitURL"),
        "Rig my_rig: spec.beadsPrefix: \"GT\" does not match the pattern ^[a-z]{2,10}$",
        "Rig my_rig: spec.settings.maxPolecats: \"eight\" is a string, expected an integer");
    assertThat(problems).anyMatch(p -> p.startsWith("Rig my_rig: spec.settings.gitSecretRef.name: \"Git_Creds\""));
  }

  @Test
  void enumsUnknownFieldsAndMissingRequiredFieldsAreReported() {
    String polecat = """
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
    List<String> problems = VALIDATOR.validate("inline", polecat, Map.of()).problems();
    assertThat(problems).containsExactlyInAnyOrder(
        "Polecat furiosa: spec.rig: required field is missing",
        "Polecat furiosa: spec.desiredState: \"Runing\" is not one of " + enumOf("desiredState"),
        "Polecat furiosa: spec.agent: \"claude\" is not one of " + enumOf("agent"),
        "Polecat furiosa: spec.taskDescripton: unknown field (not in the spec's schema)",
        "Polecat furiosa: spec.kubernetes.activeDeadlineSeconds: 0 is less than the minimum 1");
  }

  @Test
  void aValueThatBreaksTheYamlIsReportedWithItsLine() throws IOException {
    Map<String, String> values = goodValues();
    values.put("GIT_BRANCH", "[main");
    List<String> problems = validate("polecat-kubernetes.yaml", values).problems();
    assertThat(problems).singleElement().asString().startsWith("line ").contains("not valid YAML after rendering");
  }

  @Test
  void aKindNoCrdDefinesIsReported() {
    String text = "apiVersion: gastown.gastown.io/v1alpha1\nkind: Polecats\nmetadata:\n  name: x\n";
    assertThat(VALIDATOR.validate("inline", text, Map.of()).problems()).containsExactly(
        "Polecats x: no CRD defines Polecats in gastown.gastown.io/v1alpha1 (check apiVersion and kind)");
  }

  @Test
  void commandLineListsProblemsOnStderrAndExitsOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = TemplateTool.run(new String[] {"validate", "--crds", ROOT.resolve("kustomize/base/crds").toString(),
        "--set", "CONVOY_NAME=login-fixes", TEMPLATES.resolve("convoy.yaml").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("variable {{NAMESPACE}} has no value")
        .contains("variable {{MAX_PARALLEL}} has no value").doesNotContain("CONVOY_NAME").endsWith("invalid\n");
  }

  @Test
  void commandLineRendersAValidTemplate() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = TemplateTool.run(new String[] {"render", "--crds", ROOT.resolve("kustomize/base/crds").toString(),
        "--values", ROOT.resolve("deploy-tests/src/test/resources/templates/good-values.env").toString(),
        TEMPLATES.resolve("polecat-minimal.yaml").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("  name: furiosa\n", "gastown.io/polecat: furiosa\n");
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

  @SuppressWarnings("unchecked")
  private static String crdPattern(String plural, String field) throws IOException {
    Map<String, Object> crd = (Map<String, Object>) Yamls.loadAll(
        Files.readString(ROOT.resolve("kustomize/base/crds/" + plural + ".gastown.gastown.io-v1.yml"))).get(0);
    Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) crd.get("spec")).get("versions")).get(0))
            .get("schema")).get("openAPIV3Schema")).get("properties")).get("spec");
    return (String) ((Map<String, Object>) ((Map<String, Object>) spec.get("properties")).get(field)).get("pattern");
  }

  private static String enumOf(String field) {
    Map<String, Object> spec = SchemaValidator.castMap((Map<?, ?>) ((Map<?, ?>) VALIDATOR_SCHEMA.get("properties")).get("spec"));
    List<?> values = (List<?>) SchemaValidator.castMap((Map<?, ?>) ((Map<?, ?>) spec.get("properties")).get(field)).get("enum");
    return String.join(", ", values.stream().map(Object::toString).toList());
  }

  static final Map<String, Object> VALIDATOR_SCHEMA =
      CrdSchemas.load(ROOT.resolve("kustomize/base/crds")).schema("gastown.gastown.io/v1alpha1", "Polecat").orElseThrow();
}
