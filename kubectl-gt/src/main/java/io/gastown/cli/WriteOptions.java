package io.gastown.cli;

import picocli.CommandLine.Option;

/**
 * The options of every command that writes the GitOps repository: mixed into {@link WriteCommand}.
 */
public class WriteOptions {
  @Option(names = "--dry-run", description = "Print the manifests; write and commit nothing.")
  boolean dryRun;

  @Option(names = "--no-push", description = "Commit but do not push.")
  boolean noPush;

  public boolean dryRun() {
    return dryRun;
  }

  public boolean push() {
    return !noPush;
  }
}
