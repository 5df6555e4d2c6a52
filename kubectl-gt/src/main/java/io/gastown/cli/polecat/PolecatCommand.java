package io.gastown.cli.polecat;

import io.gastown.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kubectl gt polecat ...}: the group; its commands are listed in {@code subcommands}. */
@Command(
    name = "polecat",
    description = "Polecats: one coding agent working one bead.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt polecat list my-rig",
      "  kubectl gt polecat status my-rig/furiosa",
      "  kubectl gt polecat logs my-rig/furiosa -f",
      "  kubectl gt polecat preview my-rig/furiosa",
      "  kubectl gt polecat nuke my-rig/furiosa",
      "  kubectl gt polecat rerun my-rig/furiosa --from HEAD~3"
    },
    subcommands = {
      PolecatNukeCommand.class,
      PolecatRerunCommand.class,
      PolecatListCommand.class,
      PolecatStatusCommand.class,
      PolecatLogsCommand.class,
      PolecatPreviewCommand.class,
    })
public class PolecatCommand extends GroupCommand {}
