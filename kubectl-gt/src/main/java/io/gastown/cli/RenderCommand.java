package io.gastown.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt render [rig]}: print what Argo CD would sync from the repository. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print the manifests the repository holds for one rig or all rigs, in the order Argo CD applies "
        + "them (YAML documents; -o json for a List).")
public class RenderCommand extends GtSubcommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "RIG", description = "Only this rig.")
  String rig;

  @Override
  protected int run() {
    throw new GtException(ExitCode.UNEXPECTED, "render is not implemented yet");
  }
}
