package io.gastown.cli.rig;

import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.ClusterCommand;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.DeclaredState;
import io.gastown.cli.cluster.EmptyResult;
import io.gastown.cli.cluster.ListOptions;
import io.gastown.cli.cluster.Printer;
import io.gastown.cli.cluster.RigView;
import io.gastown.model.Rig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kubectl gt rig list}. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description =
        "List the rigs in the cluster (Rigs are cluster-scoped). Without a cluster, lists what the GitOps "
            + "repository declares.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt rig list",
      "  kubectl gt rig list -o wide              # with namespace, theme and git URL",
      "  kubectl gt rig list -o json | jq -r '.[].metadata.name'",
      "  kubectl gt rig list --context prod --no-headers"
    })
public class RigListCommand extends ClusterCommand {
  @Mixin ListOptions list = new ListOptions();

  @Override
  protected int fromCluster() {
    ClusterSession session = session();
    List<Rig> rigs =
        session.call(
            Access.of("list", RigView.INSTANCE, null, null),
            () -> session.client().resources(Rig.class).list().getItems());
    return show(rigs);
  }

  @Override
  protected int fromRepository(DeclaredState declared) {
    return show(declared.rigs());
  }

  private int show(List<Rig> rigs) {
    if (rigs.isEmpty() && EmptyResult.reportOnStderr(format())) {
      err().println("No rigs found.");
    }
    print(Printer.list(RigView.INSTANCE, rigs, format(), list.noHeaders(), false, now()));
    return 0;
  }
}
