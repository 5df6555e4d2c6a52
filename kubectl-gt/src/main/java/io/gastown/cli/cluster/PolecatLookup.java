package io.gastown.cli.cluster;

import io.gastown.cli.GtException;
import io.gastown.model.Polecat;

/**
 * Gets a polecat named {@code <rig>/<name>} from the rig's namespace and checks that it belongs to
 * that rig.
 */
public final class PolecatLookup {
  private PolecatLookup() {}

  public static Polecat get(ClusterSession session, PolecatRef ref) {
    String namespace = RigLookup.namespaceFor(session, ref.rig());
    Polecat polecat;
    try {
      polecat =
          session.require(
              Access.of("get", PolecatView.INSTANCE, namespace, ref.name()),
              () ->
                  session
                      .client()
                      .resources(Polecat.class)
                      .inNamespace(namespace)
                      .withName(ref.name())
                      .get());
    } catch (ClusterException e) {
      if (e.reason() == ClusterException.Reason.NOT_FOUND) {
        throw GtException.notFound(
            e.getMessage()
                + "; kubectl gt polecat list "
                + ref.rig()
                + " shows the rig's "
                + "polecats (if it was just slung, Argo CD may not have synced it yet)");
      }
      throw e;
    }
    String actual = polecat.getSpec() == null ? null : polecat.getSpec().getRig();
    if (!ref.rig().equals(actual)) {
      throw GtException.notFound(
          "polecat "
              + ref.name()
              + " in namespace "
              + namespace
              + " belongs to rig "
              + actual
              + ", not "
              + ref.rig());
    }
    return polecat;
  }

  /**
   * The namespace a polecat of the rig lives in (for callers that create or watch things there).
   */
  public static String namespaceOf(ClusterSession session, PolecatRef ref) {
    return RigLookup.namespaceFor(session, ref.rig());
  }
}
