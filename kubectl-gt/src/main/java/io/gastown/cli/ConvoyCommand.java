package io.gastown.cli;

import io.gastown.cli.cluster.ConvoyListCommand;
import io.gastown.cli.cluster.ConvoyStatusCommand;
import picocli.CommandLine.Command;

/** {@code kubectl gt convoy ...}: the group; its commands are listed in {@code subcommands}. */
@Command(name = "convoy",
    description = "Convoys: batches of beads tracked together.",
    mixinStandardHelpOptions = true,
    subcommands = {
        ConvoyCreateCommand.class,
        ConvoyListCommand.class,
        ConvoyStatusCommand.class,
    })
public class ConvoyCommand extends GroupCommand {
}
