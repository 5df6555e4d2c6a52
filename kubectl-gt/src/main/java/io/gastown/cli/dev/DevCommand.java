package io.gastown.cli.dev;

import io.gastown.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code kubectl gt dev ...}: tools for a cluster without Argo CD, such as the local one of hack/dev.sh. */
@Command(name = "dev",
    description = "Local development: do what Argo CD would do, on a cluster without Argo CD (e.g. hack/dev.sh up).",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt dev sync", "  kubectl gt dev sync --watch"},
    subcommands = {
        DevSyncCommand.class,
    })
public class DevCommand extends GroupCommand {
}
