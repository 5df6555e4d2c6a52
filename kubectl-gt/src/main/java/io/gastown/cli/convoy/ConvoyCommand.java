package io.gastown.cli.convoy;

import io.gastown.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kubectl gt convoy ...}: the group; its commands are listed in {@code subcommands}. */
@Command(
    name = "convoy",
    description = "Convoys: batches of beads tracked together.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt convoy create \"Login overhaul\" gt-1 gt-2 --sling",
      "  kubectl gt convoy list --rig my-rig",
      "  kubectl gt convoy status cv-login-overhaul --rig my-rig"
    },
    subcommands = {
      ConvoyCreateCommand.class,
      ConvoyListCommand.class,
      ConvoyStatusCommand.class,
    })
public class ConvoyCommand extends GroupCommand {}
