package io.gastown.cli.rig;

import io.gastown.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kubectl gt rig ...}: the group; its commands are listed in {@code subcommands}. */
@Command(
    name = "rig",
    description = "Rigs: the project repositories polecats work on.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt rig create my-rig --git-url git@github.com:acme/app --prefix gt",
      "  kubectl gt rig list",
      "  kubectl gt rig status my-rig"
    },
    subcommands = {
      RigCreateCommand.class,
      RigListCommand.class,
      RigStatusCommand.class,
    })
public class RigCommand extends GroupCommand {}
