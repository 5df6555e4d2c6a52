package io.gastown.cli.rig;

import io.gastown.cli.GtException;
import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.ClusterCommand;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.DeclaredState;
import io.gastown.cli.cluster.Printer;
import io.gastown.cli.cluster.RigView;
import io.gastown.model.Rig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt rig status <rig>}. */
@Command(
    name = "status",
    aliases = "describe",
    mixinStandardHelpOptions = true,
    description = "Show one rig: its settings, phase, polecat counts and conditions.",
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt rig status my-rig", "  kubectl gt rig status my-rig -o yaml"})
public class RigStatusCommand extends ClusterCommand {
  @Parameters(index = "0", paramLabel = "RIG", description = "The rig's name.")
  String rig;

  @Override
  protected int fromCluster() {
    ClusterSession session = session();
    Rig found =
        session.require(
            Access.of("get", RigView.INSTANCE, null, rig),
            () -> session.client().resources(Rig.class).withName(rig).get());
    print(Printer.one(RigView.INSTANCE, found, format(), now()));
    return 0;
  }

  @Override
  protected int fromRepository(DeclaredState declared) {
    Rig found =
        declared.rigs().stream()
            .filter(r -> rig.equals(r.getMetadata().getName()))
            .findFirst()
            .orElseThrow(
                () ->
                    GtException.notFound("rig " + rig + " is not declared in " + declared.root()));
    print(Printer.one(RigView.INSTANCE, found, format(), now()));
    return 0;
  }
}
