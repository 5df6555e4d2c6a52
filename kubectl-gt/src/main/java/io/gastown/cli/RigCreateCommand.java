package io.gastown.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt rig create}: add a rig directory (Namespace, Rig, Witness) to the repository. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Write rigs/<name>/ (the rig's Namespace, Rig and Witness, and its kustomization), commit and push.")
public class RigCreateCommand extends GtSubcommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The rig's name (lowercase letters, digits, '-').")
  String name;

  @Option(names = "--git-url", required = true, paramLabel = "URL",
      description = "The project repository polecats clone: git@host:path, ssh://..., https://... or file:///...")
  String gitUrl;

  @Option(names = "--prefix", required = true, paramLabel = "PREFIX",
      description = "Prefix of the rig's bead IDs (2 to 10 lowercase letters), e.g. gt for gt-123.")
  String prefix;

  @Option(names = "--theme", paramLabel = "THEME", description = "Name pool: mad-max (default), minerals, wasteland.")
  String theme;

  @Option(names = "--agent", paramLabel = "AGENT",
      description = "Default agent: claude-code (default), opencode, aider, custom.")
  String agent;

  @Option(names = "--namespace", paramLabel = "NS", description = "Namespace of the rig's polecats. Default gt-<name>.")
  String namespace;

  @Override
  protected int run() {
    throw new GtException(ExitCode.UNEXPECTED, "rig create is not implemented yet");
  }
}
