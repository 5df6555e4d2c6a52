package io.gastown.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run without one, it is a usage error. */
public abstract class GroupCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "name a subcommand of '"
            + spec.qualifiedName(" ")
            + "': "
            + String.join(", ", spec.subcommands().keySet()));
  }
}
