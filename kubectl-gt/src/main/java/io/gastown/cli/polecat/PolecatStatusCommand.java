package io.gastown.cli.polecat;

import io.gastown.cli.GtException;
import io.gastown.cli.cluster.ClusterCommand;
import io.gastown.cli.cluster.DeclaredState;
import io.gastown.cli.cluster.PolecatLookup;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.cli.cluster.PolecatView;
import io.gastown.cli.cluster.Printer;
import io.gastown.model.Polecat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt polecat status <rig>/<name>}. */
@Command(
    name = "status",
    aliases = "describe",
    mixinStandardHelpOptions = true,
    description =
        "Show one polecat: bead, agent, phase and why, its Job, Pod and branch, times and conditions.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt polecat status my-rig/furiosa",
      "  kubectl gt polecat status my-rig/furiosa -o yaml",
      "  kubectl gt polecat status my-rig/furiosa -o json | jq -r .status.phase"
    })
public class PolecatStatusCommand extends ClusterCommand {
  @Parameters(
      index = "0",
      paramLabel = "RIG/NAME",
      description = "The polecat, e.g. my-rig/furiosa.")
  String polecat;

  @Override
  protected int fromCluster() {
    PolecatRef ref = PolecatRef.parse(polecat);
    Polecat found = PolecatLookup.get(session(), ref);
    print(Printer.one(PolecatView.INSTANCE, found, format(), now()));
    return 0;
  }

  @Override
  protected int fromRepository(DeclaredState declared) {
    PolecatRef ref = PolecatRef.parse(polecat);
    Polecat found =
        declared.polecats().stream()
            .filter(
                p ->
                    ref.name().equals(p.getMetadata().getName())
                        && p.getSpec() != null
                        && ref.rig().equals(p.getSpec().getRig()))
            .findFirst()
            .orElseThrow(
                () ->
                    GtException.notFound(
                        "polecat " + ref + " is not declared in " + declared.root()));
    print(Printer.one(PolecatView.INSTANCE, found, format(), now()));
    return 0;
  }
}
