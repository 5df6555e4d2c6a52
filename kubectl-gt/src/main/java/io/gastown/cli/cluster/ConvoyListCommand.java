package io.gastown.cli.cluster;

import io.gastown.model.Convoy;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kubectl gt convoy list}. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List convoys with their phase and progress: of a rig (--rig, in the rig's namespace), of the "
        + "namespace (-n, else the context's) or of all namespaces (-A).",
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt convoy list --rig my-rig",
        "  kubectl gt convoy list -A -o wide         # with the tracked beads",
        "  kubectl gt convoy list -o json | jq -r '.[].status.progress'"})
public class ConvoyListCommand extends ClusterCommand {
  @Option(names = "--rig", paramLabel = "RIG", description = "Only the convoys of this rig (in its namespace).")
  String rig;

  @Mixin
  ListOptions list = new ListOptions();

  @Mixin
  AllNamespacesOption all = new AllNamespacesOption();

  @Override
  protected int fromCluster() {
    ClusterSession session = session();
    String namespace = all.value() ? null : rig != null ? RigLookup.namespaceFor(session, rig) : session.namespace();
    List<Convoy> convoys = session.call(Access.of("list", ConvoyView.INSTANCE, namespace, null),
        () -> namespace == null
            ? session.client().resources(Convoy.class).inAnyNamespace().list().getItems()
            : session.client().resources(Convoy.class).inNamespace(namespace).list().getItems());
    return show(ofRig(convoys), namespace);
  }

  @Override
  protected int fromRepository(DeclaredState declared) {
    List<Convoy> convoys = declared.convoys().stream()
        .filter(c -> all.value() || kube.namespace() == null || kube.namespace().equals(c.getMetadata().getNamespace()))
        .toList();
    return show(ofRig(convoys), null);
  }

  private List<Convoy> ofRig(List<Convoy> convoys) {
    return rig == null ? convoys
        : convoys.stream().filter(c -> c.getSpec() != null && rig.equals(c.getSpec().getRigRef())).toList();
  }

  private int show(List<Convoy> convoys, String namespace) {
    if (convoys.isEmpty() && EmptyResult.reportOnStderr(format())) {
      err().println("No convoys found" + (rig != null ? " for rig " + rig : "")
          + (namespace != null ? " in namespace " + namespace : "") + ".");
    }
    print(Printer.list(ConvoyView.INSTANCE, convoys, format(), list.noHeaders(), all.value(), now()));
    return 0;
  }
}
