package io.gastown.cli.template;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtSubcommand;
import io.gastown.template.TemplateRenderer;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt template vars <file|dir>...}: the variables each template uses. */
@Command(
    name = "vars",
    mixinStandardHelpOptions = true,
    description = {
      "List the variables each template uses.",
      "One line per template, TEMPLATE: NAME..., the names in order of first use (markers in comments are "
          + "documentation, not variables)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt template vars templates/",
      "  kubectl gt template vars templates/polecat-minimal.yaml"
    })
public class TemplateVarsCommand extends GtSubcommand {
  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description = "Template files, or directories whose *.yaml and *.yml files are templates.")
  List<Path> paths;

  @Override
  protected int run() {
    for (Path template : Templates.expand(paths)) {
      out()
          .println(
              template
                  + ": "
                  + String.join(" ", TemplateRenderer.variables(Templates.read(template))));
    }
    return ExitCode.OK;
  }
}
