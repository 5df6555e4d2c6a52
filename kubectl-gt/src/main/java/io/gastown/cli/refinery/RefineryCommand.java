package io.gastown.cli.refinery;

import io.gastown.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kubectl gt refinery ...}: the group; its commands are listed in {@code subcommands}. */
@Command(
    name = "refinery",
    description = "The merge queue of a rig: lands the work branches of its Done polecats.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt refinery create my-rig --test-command 'mvn -B verify'",
      "  kubectl gt refinery status my-rig",
      "  kubectl gt refinery delete my-rig"
    },
    subcommands = {
      RefineryCreateCommand.class,
      RefineryStatusCommand.class,
      RefineryDeleteCommand.class,
    })
public class RefineryCommand extends GroupCommand {}
