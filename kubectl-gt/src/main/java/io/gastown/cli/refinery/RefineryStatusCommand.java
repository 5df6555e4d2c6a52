package io.gastown.cli.refinery;

import io.gastown.cli.GtException;
import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.ClusterCommand;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.DeclaredState;
import io.gastown.cli.cluster.Printer;
import io.gastown.cli.cluster.RefineryView;
import io.gastown.cli.cluster.RigLookup;
import io.gastown.model.Refinery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt refinery status <rig>}. */
@Command(
    name = "status",
    aliases = "describe",
    mixinStandardHelpOptions = true,
    description =
        "Show the rig's merge queue: its settings, phase, queue length, last merge, the last run and the"
            + " branches it could not land.",
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt refinery status my-rig", "  kubectl gt refinery status my-rig -o json"})
public class RefineryStatusCommand extends ClusterCommand {
  @Parameters(index = "0", paramLabel = "RIG", description = "The rig.")
  String rig;

  @Override
  protected int fromCluster() {
    ClusterSession session = session();
    String namespace = RigLookup.namespaceFor(session, rig);
    Refinery found =
        session.require(
            Access.of("get", RefineryView.INSTANCE, namespace, rig),
            () ->
                session
                    .client()
                    .resources(Refinery.class)
                    .inNamespace(namespace)
                    .withName(rig)
                    .get());
    print(Printer.one(RefineryView.INSTANCE, found, format(), now()));
    return 0;
  }

  @Override
  protected int fromRepository(DeclaredState declared) {
    Refinery found =
        declared.refineries().stream()
            .filter(r -> r.getSpec() != null && rig.equals(r.getSpec().getRigRef()))
            .findFirst()
            .orElseThrow(
                () ->
                    GtException.notFound(
                        "rig " + rig + " has no refinery declared in " + declared.root()));
    print(Printer.one(RefineryView.INSTANCE, found, format(), now()));
    return 0;
  }
}
