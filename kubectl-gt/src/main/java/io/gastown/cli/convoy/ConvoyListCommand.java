package io.gastown.cli.convoy;

import io.gastown.cli.cluster.ConvoyView;
import io.gastown.cli.cluster.DeclaredState;
import io.gastown.cli.cluster.ResourceView;
import io.gastown.cli.cluster.RigScopedListCommand;
import io.gastown.model.Convoy;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl gt convoy list}. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description =
        "List convoys with their phase and progress: of a rig (--rig, in the rig's namespace), of the "
            + "namespace (-n, else the context's) or of all namespaces (-A).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt convoy list --rig my-rig",
      "  kubectl gt convoy list -A -o wide         # with the tracked beads",
      "  kubectl gt convoy list -o json | jq -r '.[].status.progress'"
    })
public class ConvoyListCommand extends RigScopedListCommand<Convoy> {
  @Option(
      names = "--rig",
      paramLabel = "RIG",
      description = "Only the convoys of this rig (in its namespace).")
  String rig;

  @Override
  protected String rig() {
    return rig;
  }

  @Override
  protected Class<Convoy> type() {
    return Convoy.class;
  }

  @Override
  protected ResourceView<Convoy> view() {
    return ConvoyView.INSTANCE;
  }

  @Override
  protected List<Convoy> declared(DeclaredState declared) {
    return declared.convoys();
  }

  @Override
  protected String rigOf(Convoy item) {
    return item.getSpec() == null ? null : item.getSpec().getRigRef();
  }

  @Override
  protected String noun() {
    return "convoys";
  }
}
