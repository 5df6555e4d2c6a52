package io.gastown.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl gt init}: create the GitOps repository, or clone an existing one. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Create the GitOps repository at --repo (a local git repository with a README and rigs/), "
        + "or clone it from --remote."})
public class InitCommand extends GtSubcommand {
  @Option(names = "--remote", paramLabel = "URL",
      description = "Clone this repository instead of creating a new one (SSH or HTTPS; GT_GIT_TOKEN for HTTPS).")
  String remote;

  @Override
  protected int run() {
    throw new GtException(ExitCode.UNEXPECTED, "init is not implemented yet");
  }
}
