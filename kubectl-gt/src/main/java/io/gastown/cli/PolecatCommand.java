package io.gastown.cli;

import io.gastown.cli.cluster.PolecatListCommand;
import io.gastown.cli.cluster.PolecatLogsCommand;
import io.gastown.cli.cluster.PolecatStatusCommand;
import picocli.CommandLine.Command;

/** {@code kubectl gt polecat ...}: the group; its commands are listed in {@code subcommands}. */
@Command(name = "polecat",
    description = "Polecats: one coding agent working one bead.",
    mixinStandardHelpOptions = true,
    subcommands = {
        PolecatNukeCommand.class,
        PolecatListCommand.class,
        PolecatStatusCommand.class,
        PolecatLogsCommand.class,
    })
public class PolecatCommand extends GroupCommand {
}
