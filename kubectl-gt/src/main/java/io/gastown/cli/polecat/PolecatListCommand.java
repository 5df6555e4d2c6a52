package io.gastown.cli.polecat;

import io.gastown.cli.cluster.DeclaredState;
import io.gastown.cli.cluster.PolecatView;
import io.gastown.cli.cluster.ResourceView;
import io.gastown.cli.cluster.RigScopedListCommand;
import io.gastown.model.Polecat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt polecat list [rig]}. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "List polecats: of one rig (in the rig's namespace), of the namespace (-n, else the context's), "
          + "or of all namespaces (-A). Without a cluster, lists what the GitOps repository declares."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt polecat list my-rig",
      "  kubectl gt polecat list -A -o wide     # all namespaces, with pod and message",
      "  kubectl gt polecat list -n gt-my-rig -o name",
      "  kubectl gt polecat list my-rig -o json | jq -r '.[].metadata.name'"
    })
public class PolecatListCommand extends RigScopedListCommand<Polecat> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RIG",
      description = "Only the polecats of this rig.")
  String rig;

  @Override
  protected String rig() {
    return rig;
  }

  @Override
  protected Class<Polecat> type() {
    return Polecat.class;
  }

  @Override
  protected ResourceView<Polecat> view() {
    return PolecatView.INSTANCE;
  }

  @Override
  protected List<Polecat> declared(DeclaredState declared) {
    return declared.polecats();
  }

  @Override
  protected String rigOf(Polecat item) {
    return item.getSpec() == null ? null : item.getSpec().getRig();
  }

  @Override
  protected String noun() {
    return "polecats";
  }
}
