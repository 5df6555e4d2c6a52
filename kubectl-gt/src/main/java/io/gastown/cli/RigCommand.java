package io.gastown.cli;

import picocli.CommandLine.Command;

/** {@code kubectl gt rig ...}: the group; its commands are listed in {@code subcommands}. */
@Command(name = "rig",
    description = "Rigs: the project repositories polecats work on.",
    mixinStandardHelpOptions = true,
    subcommands = {
        RigCreateCommand.class,
    })
public class RigCommand extends GroupCommand {
}
