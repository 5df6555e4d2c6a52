package io.gastown.cli;

import picocli.CommandLine.Command;

/** {@code kubectl gt polecat ...}: the group; its commands are listed in {@code subcommands}. */
@Command(name = "polecat",
    description = "Polecats: one coding agent working one bead.",
    mixinStandardHelpOptions = true,
    subcommands = {
        PolecatNukeCommand.class,
    })
public class PolecatCommand extends GroupCommand {
}
