package io.gastown.cli.convoy;

import io.gastown.cli.GtException;
import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.ClusterCommand;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.ConvoyView;
import io.gastown.cli.cluster.DeclaredState;
import io.gastown.cli.cluster.Printer;
import io.gastown.cli.cluster.RigLookup;
import io.gastown.model.Convoy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt convoy status <id>}. */
@Command(
    name = "status",
    aliases = "describe",
    mixinStandardHelpOptions = true,
    description =
        "Show one convoy: description, phase, progress and each tracked bead (✓ completed, ✗ failed, "
            + "○ pending).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt convoy status cv-auth-rework --rig my-rig",
      "  kubectl gt convoy status cv-auth-rework -n gt-my-rig -o yaml"
    })
public class ConvoyStatusCommand extends ClusterCommand {
  @Parameters(index = "0", paramLabel = "CONVOY", description = "The convoy's name (ID).")
  String convoy;

  @Option(
      names = "--rig",
      paramLabel = "RIG",
      description = "The convoy's rig: look in the rig's namespace.")
  String rig;

  @Override
  protected int fromCluster() {
    ClusterSession session = session();
    String namespace = rig != null ? RigLookup.namespaceFor(session, rig) : session.namespace();
    Convoy found =
        session.require(
            Access.of("get", ConvoyView.INSTANCE, namespace, convoy),
            () ->
                session
                    .client()
                    .resources(Convoy.class)
                    .inNamespace(namespace)
                    .withName(convoy)
                    .get());
    print(Printer.one(ConvoyView.INSTANCE, found, format(), now()));
    return 0;
  }

  @Override
  protected int fromRepository(DeclaredState declared) {
    Convoy found =
        declared.convoys().stream()
            .filter(c -> convoy.equals(c.getMetadata().getName()))
            .filter(c -> rig == null || c.getSpec() != null && rig.equals(c.getSpec().getRigRef()))
            .findFirst()
            .orElseThrow(
                () ->
                    GtException.notFound(
                        "convoy " + convoy + " is not declared in " + declared.root()));
    print(Printer.one(ConvoyView.INSTANCE, found, format(), now()));
    return 0;
  }
}
