package io.gastown.cli.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl gt template validate|render|vars} on the repository's templates/. */
class TemplateCommandTest {
  static final Path TEMPLATES = Golden.root().resolve("templates");
  static final String GOOD_VALUES =
      """
      # every variable of every template
      POLECAT_NAME=furiosa
      NAMESPACE=gt-my-rig
      RIG_NAME=my-rig
      BEAD_ID=gt-123
      TASK_DESCRIPTION=Fix the flaky login test: it fails when "remember me" is set # really
      GIT_REPO=git@github.com:example/app.git
      GIT_BRANCH=main
      WORK_BRANCH=feature/gt-123
      GIT_SECRET=git-creds
      CLAUDE_SECRET=claude-creds
      CONVOY_NAME=login-fixes
      DESCRIPTION=Fix the login flow
      BEAD_ID_1=gt-123
      BEAD_ID_2=gt-124
      MAX_PARALLEL=2
      GIT_URL=git@github.com:example/app.git
      BEADS_PREFIX=gt
      MAX_POLECATS=8
      """;

  @TempDir Path home;

  Path goodValues() throws IOException {
    return Files.writeString(home.resolve("good.env"), GOOD_VALUES);
  }

  static Cli gt(Path home, String... args) {
    return Cli.run(Map.of(), home, args);
  }

  @Test
  void validatesEveryTemplateOfADirectory() throws IOException {
    Cli cli =
        gt(home, "template", "validate", TEMPLATES.toString(), "--values", goodValues().toString());

    assertThat(cli.exit()).as(cli.toString()).isZero();
    assertThat(cli.out()).isEqualTo("valid: 4 templates\n");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void listsEveryProblemOnStderrAndExitsFour() {
    Path convoy = TEMPLATES.resolve("convoy.yaml");
    Cli cli =
        gt(home, "template", "validate", "--set", "CONVOY_NAME=login-fixes", convoy.toString());

    assertThat(cli.exit()).as(cli.toString()).isEqualTo(4);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .contains(convoy + ": line ")
        .contains("variable {{NAMESPACE}} has no value")
        .contains("variable {{MAX_PARALLEL}} has no value (set it with --set MAX_PARALLEL=...)")
        .doesNotContain("CONVOY_NAME")
        .endsWith("error: invalid: 6 problems in 1 of 1 template\n");
  }

  @Test
  void setWinsOverValuesAndSchemaErrorsNameTheObject() throws IOException {
    Cli cli =
        gt(
            home,
            "template",
            "validate",
            TEMPLATES.resolve("rig.yaml").toString(),
            "--values",
            goodValues().toString(),
            "--set",
            "MAX_POLECATS=eight");

    assertThat(cli.exit()).as(cli.toString()).isEqualTo(4);
    assertThat(cli.err())
        .contains(
            "rig.yaml: Rig my-rig: spec.settings.maxPolecats: must be an integer (got \"eight\")");
  }

  @Test
  void rendersACompleteValidTemplate() throws IOException {
    Cli cli =
        gt(
            home,
            "template",
            "render",
            TEMPLATES.resolve("polecat-minimal.yaml").toString(),
            "--values",
            goodValues().toString());

    assertThat(cli.err()).isEmpty();
    assertThat(cli.exit()).isZero();
    assertThat(cli.out())
        .contains("  name: furiosa\n", "gastown.io/polecat: furiosa\n")
        .doesNotContainPattern("(?m)^[^#]*\\{\\{");
  }

  @Test
  void rendersNothingWhenThereIsAProblem() throws IOException {
    Cli cli =
        gt(
            home,
            "template",
            "render",
            TEMPLATES.resolve("polecat-minimal.yaml").toString(),
            "--values",
            goodValues().toString(),
            "--set",
            "POLECAT_NAME=Furiosa");

    assertThat(cli.exit()).as(cli.toString()).isEqualTo(4);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .contains("Polecat Furiosa: metadata.name: must be a DNS-1123 subdomain")
        .endsWith("error: not rendered: 1 problem\n");
  }

  @Test
  void listsTheVariables() {
    Cli cli = gt(home, "template", "vars", TEMPLATES.resolve("convoy.yaml").toString());

    assertThat(cli.exit()).isZero();
    assertThat(cli.out())
        .isEqualTo(
            TEMPLATES.resolve("convoy.yaml")
                + ": CONVOY_NAME NAMESPACE RIG_NAME DESCRIPTION MAX_PARALLEL BEAD_ID_1 BEAD_ID_2\n");
  }

  @Test
  void aMissingTemplateIsNotFound() {
    Cli cli = gt(home, "template", "validate", home.resolve("nope.yaml").toString());

    assertThat(cli.exit()).isEqualTo(3);
    assertThat(cli.err()).isEqualTo("error: no template at " + home.resolve("nope.yaml") + "\n");
  }

  @Test
  void aValueWithoutANameIsAUsageError() {
    Cli cli = gt(home, "template", "validate", "--set", "furiosa", TEMPLATES.toString());

    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("--set");
  }

  @Test
  void theGroupAloneIsAUsageError() {
    Cli cli = gt(home, "template");

    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).contains("validate, render, vars");
  }
}
