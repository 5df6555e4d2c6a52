package io.gastown.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt polecat nuke <rig>/<name>}: retire a polecat by removing it from git. */
@Command(name = "nuke", mixinStandardHelpOptions = true,
    description = "Remove the polecat (and its Job) from the repository in a commit; Argo CD prunes it from the "
        + "cluster. Never delete polecats in the cluster directly: Argo CD would re-create them.")
public class PolecatNukeCommand extends GtSubcommand {
  @Parameters(index = "0", paramLabel = "RIG/NAME", description = "The polecat, e.g. my-rig/furiosa.")
  String target;

  @Override
  protected int run() {
    throw new GtException(ExitCode.UNEXPECTED, "polecat nuke is not implemented yet");
  }
}
