package io.gastown.cli.template;

import io.gastown.cli.GroupCommand;
import picocli.CommandLine.Command;

/**
 * {@code kubectl gt template ...}: the YAML templates (templates/) for people who write manifests
 * by hand.
 */
@Command(
    name = "template",
    description = {
      "YAML templates with {{VARIABLE}} markers: check, fill in, list their variables.",
      "For the repository's templates/: check them (validate), fill them in (render), list their variables "
          + "(vars). Offline: reads neither git nor the cluster.",
      "Objects are checked as the webhook checks them (the CRD schemas of this version of kubectl gt and the "
          + "cross-field rules), every problem at once."
    },
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt template validate templates/ --values my.env",
      "  kubectl gt template render templates/rig.yaml --values my.env > rig.yaml",
      "  kubectl gt template vars templates/convoy.yaml"
    },
    subcommands = {
      TemplateValidateCommand.class,
      TemplateRenderCommand.class,
      TemplateVarsCommand.class,
    })
public class TemplateCommand extends GroupCommand {}
