package io.gastown.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt convoy create}: a convoy tracking beads, optionally slinging one polecat per bead. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Write a Convoy tracking the beads into rigs/<rig>/convoys/, commit and push. With --sling, one "
        + "polecat per bead in the same commit.")
public class ConvoyCreateCommand extends GtSubcommand {
  @Parameters(index = "0", paramLabel = "DESCRIPTION", description = "What the convoy delivers.")
  String description;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "BEAD", description = "The beads it tracks.")
  List<String> beads;

  @Option(names = "--rig", paramLabel = "RIG",
      description = "The rig. Default: the rig whose prefix the beads have, or the only rig.")
  String rig;

  @Option(names = "--name", paramLabel = "ID", description = "The convoy's ID. Default: cv-<description as a slug>.")
  String name;

  @Option(names = "--sling", description = "Also sling one polecat per bead (themed names), in the same commit.")
  boolean sling;

  @Option(names = "--theme", paramLabel = "THEME", description = "Name pool for --sling. Default: the rig's.")
  String theme;

  @Option(names = "--agent", paramLabel = "AGENT", description = "Agent for --sling. Default: the rig's.")
  String agent;

  @Option(names = "--dry-run", description = "Print the manifests; write and commit nothing.")
  boolean dryRun;

  @Option(names = "--no-push", description = "Commit but do not push.")
  boolean noPush;

  @Override
  protected int run() {
    throw new GtException(ExitCode.UNEXPECTED, "convoy create is not implemented yet");
  }
}
