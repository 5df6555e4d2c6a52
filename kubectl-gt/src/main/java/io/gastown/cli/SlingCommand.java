package io.gastown.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt sling <bead> <rig>}: put a polecat to work on a bead, through git. */
@Command(name = "sling", mixinStandardHelpOptions = true,
    description = {"Write a Polecat (and the Job that runs it) for a bead into the rig's directory, commit and push.",
        "The polecat gets a themed name that was never used in the rig, unless --name is given."})
public class SlingCommand extends GtSubcommand {
  @Parameters(index = "0", paramLabel = "BEAD", description = "The bead (issue) ID, e.g. gt-123.")
  String beadId;

  @Parameters(index = "1", paramLabel = "RIG", description = "The rig to work in.")
  String rig;

  @Option(names = "--name", paramLabel = "NAME", description = "The polecat's name (instead of a themed one).")
  String name;

  @Option(names = "--theme", paramLabel = "THEME",
      description = "Name pool: mad-max, minerals or wasteland. Default: the rig's namepoolTheme, else mad-max.")
  String theme;

  @Option(names = "--task", paramLabel = "TEXT", description = "Instructions for the agent.")
  String task;

  @Option(names = "--agent", paramLabel = "AGENT",
      description = "claude-code, opencode, aider or custom. Default: the rig's agent, else claude-code.")
  String agent;

  @Option(names = "--branch", paramLabel = "BRANCH",
      description = "Branch to clone. Default: the rig's gitBranch, else main.")
  String branch;

  @Option(names = "--work-branch", paramLabel = "BRANCH",
      description = "Branch the agent commits to. Default: feature/<bead>.")
  String workBranch;

  @Option(names = "--dry-run", description = "Print the manifests; write and commit nothing.")
  boolean dryRun;

  @Option(names = "--no-push", description = "Commit but do not push.")
  boolean noPush;

  @Override
  protected int run() {
    throw new GtException(ExitCode.UNEXPECTED, "sling is not implemented yet");
  }
}
