package io.gastown.cli.auth;

import io.gastown.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kubectl gt auth ...}: the agents' credentials in the cluster. */
@Command(
    name = "auth",
    description = "Agent credentials: copy them into the cluster (sync) and check them (status).",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt auth sync --rig my-rig", "  kubectl gt auth status --rig my-rig"},
    subcommands = {
      AuthSyncCommand.class,
      AuthStatusCommand.class,
    })
public class AuthCommand extends GroupCommand {}
