package io.gastown.cli.template;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtSubcommand;
import io.gastown.template.TemplateValidator;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl gt template render <template>}: the filled-in YAML, only when it is complete and
 * valid.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Print a filled-in template, only when it is complete and valid.",
      "Fills the {{VARIABLE}} markers of one template and prints the YAML, only when every variable "
          + "has a value and the result passes the same checks as validate; otherwise lists the problems on stderr "
          + "and prints nothing.",
      "Exits 0 when rendered, 4 when there are problems."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt template render templates/rig.yaml --values my-rig.env > rig.yaml",
      "  kubectl gt template render convoy.yaml --values my.env --set MAX_PARALLEL=3"
    })
public class TemplateRenderCommand extends GtSubcommand {
  @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The template file.")
  Path template;

  @Mixin TemplateValues values = new TemplateValues();

  @Override
  protected int run() {
    TemplateValidator.Result result =
        TemplateValidator.validate(template.toString(), Templates.read(template), values.values());
    if (!result.ok()) {
      result.problems().forEach(problem -> err().println(template + ": " + problem));
      err()
          .println("error: not rendered: " + Templates.plural(result.problems().size(), "problem"));
      return ExitCode.INVALID_INPUT;
    }
    out().print(result.rendered());
    return ExitCode.OK;
  }
}
