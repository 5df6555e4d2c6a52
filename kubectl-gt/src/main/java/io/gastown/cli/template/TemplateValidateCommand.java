package io.gastown.cli.template;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtSubcommand;
import io.gastown.template.TemplateValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl gt template validate <file|dir>...}: every problem of every template, each with
 * its place.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check templates: every problem at once, as the webhook would find it.",
      "Fills the {{VARIABLE}} markers and reports every problem, not just the first: each variable "
          + "without a value (with its line), a value that breaks the YAML, and for each Gas Town object every "
          + "schema error (required fields, enums, patterns, types, bounds, unknown fields), the names and labels the "
          + "apiserver would refuse, and, once every variable has a value, the cross-field rules the webhook applies.",
      "Problems go to stderr as TEMPLATE: PROBLEM. Exits 0 when every template is valid, 4 otherwise."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt template validate templates/",
      "  kubectl gt template validate templates/rig.yaml --values my-rig.env",
      "  kubectl gt template validate convoy.yaml --set CONVOY_NAME=login-fixes"
    })
public class TemplateValidateCommand extends GtSubcommand {
  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description = "Template files, or directories whose *.yaml and *.yml files are templates.")
  List<Path> paths;

  @Mixin TemplateValues values = new TemplateValues();

  @Override
  protected int run() {
    Map<String, String> given = values.values();
    List<Path> templates = Templates.expand(paths);
    int problems = 0;
    int invalid = 0;
    for (Path template : templates) {
      TemplateValidator.Result result =
          TemplateValidator.validate(template.toString(), Templates.read(template), given);
      result.problems().forEach(problem -> err().println(template + ": " + problem));
      problems += result.problems().size();
      invalid += result.ok() ? 0 : 1;
    }
    if (invalid > 0) {
      err()
          .println(
              "error: invalid: "
                  + Templates.plural(problems, "problem")
                  + " in "
                  + invalid
                  + " of "
                  + Templates.plural(templates.size(), "template"));
      return ExitCode.INVALID_INPUT;
    }
    out().println("valid: " + Templates.plural(templates.size(), "template"));
    return ExitCode.OK;
  }
}
