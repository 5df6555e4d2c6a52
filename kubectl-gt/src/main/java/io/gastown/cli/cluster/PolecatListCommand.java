package io.gastown.cli.cluster;

import io.gastown.model.Polecat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt polecat list [rig]}. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = {"List polecats: of one rig (in the rig's namespace), of the namespace (-n, else the context's), "
        + "or of all namespaces (-A). Without a cluster, lists what the GitOps repository declares."},
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt polecat list my-rig",
        "  kubectl gt polecat list -A -o wide     # all namespaces, with pod and message",
        "  kubectl gt polecat list -n gt-my-rig -o name",
        "  kubectl gt polecat list my-rig -o json | jq -r '.[].metadata.name'"})
public class PolecatListCommand extends ClusterCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "RIG", description = "Only the polecats of this rig.")
  String rig;

  @Mixin
  ListOptions list = new ListOptions();

  @Mixin
  AllNamespacesOption all = new AllNamespacesOption();

  @Override
  protected int fromCluster() {
    ClusterSession session = session();
    String namespace = all.value() ? null : rig != null ? RigLookup.namespaceFor(session, rig) : session.namespace();
    List<Polecat> polecats = session.call(Access.of("list", PolecatView.INSTANCE, namespace, null),
        () -> namespace == null
            ? session.client().resources(Polecat.class).inAnyNamespace().list().getItems()
            : session.client().resources(Polecat.class).inNamespace(namespace).list().getItems());
    return show(ofRig(polecats), namespace);
  }

  @Override
  protected int fromRepository(DeclaredState declared) {
    List<Polecat> polecats = declared.polecats().stream()
        .filter(p -> all.value() || kube.namespace() == null || kube.namespace().equals(p.getMetadata().getNamespace()))
        .toList();
    return show(ofRig(polecats), null);
  }

  private List<Polecat> ofRig(List<Polecat> polecats) {
    return rig == null ? polecats
        : polecats.stream().filter(p -> p.getSpec() != null && rig.equals(p.getSpec().getRig())).toList();
  }

  private int show(List<Polecat> polecats, String namespace) {
    if (polecats.isEmpty() && EmptyResult.reportOnStderr(format())) {
      err().println("No polecats found" + (rig != null ? " for rig " + rig : "")
          + (namespace != null ? " in namespace " + namespace : "") + ".");
    }
    print(Printer.list(PolecatView.INSTANCE, polecats, format(), list.noHeaders(), all.value(), now()));
    return 0;
  }
}
