package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import picocli.CommandLine.Mixin;

/**
 * A list of one Gas Town kind: of one rig (in the rig's namespace), of the namespace (-n, else the
 * context's) or of all namespaces (-A); from the cluster, or from what the GitOps repository
 * declares when there is none.
 */
public abstract class RigScopedListCommand<T extends HasMetadata> extends ClusterCommand {
  @Mixin ListOptions list = new ListOptions();

  @Mixin AllNamespacesOption all = new AllNamespacesOption();

  /** The rig to list for, or null for every rig. */
  protected abstract String rig();

  protected abstract Class<T> type();

  protected abstract ResourceView<T> view();

  /** What the GitOps repository declares of this kind. */
  protected abstract List<T> declared(DeclaredState declared);

  protected abstract String rigOf(T item);

  /** Plural noun for messages, e.g. "polecats". */
  protected abstract String noun();

  @Override
  protected int fromCluster() {
    ClusterSession session = session();
    String namespace =
        all.value()
            ? null
            : rig() != null ? RigLookup.namespaceFor(session, rig()) : session.namespace();
    List<T> items =
        session.call(
            Access.of("list", view(), namespace, null),
            () ->
                namespace == null
                    ? session.client().resources(type()).inAnyNamespace().list().getItems()
                    : session.client().resources(type()).inNamespace(namespace).list().getItems());
    return show(ofRig(items), namespace);
  }

  @Override
  protected int fromRepository(DeclaredState declared) {
    List<T> items =
        declared(declared).stream()
            .filter(
                i ->
                    all.value()
                        || kube.namespace() == null
                        || kube.namespace().equals(i.getMetadata().getNamespace()))
            .toList();
    return show(ofRig(items), null);
  }

  private List<T> ofRig(List<T> items) {
    return rig() == null ? items : items.stream().filter(i -> rig().equals(rigOf(i))).toList();
  }

  private int show(List<T> items, String namespace) {
    if (items.isEmpty() && EmptyResult.reportOnStderr(format())) {
      err()
          .println(
              "No "
                  + noun()
                  + " found"
                  + (rig() != null ? " for rig " + rig() : "")
                  + (namespace != null ? " in namespace " + namespace : "")
                  + ".");
    }
    print(Printer.list(view(), items, format(), list.noHeaders(), all.value(), now()));
    return 0;
  }
}
