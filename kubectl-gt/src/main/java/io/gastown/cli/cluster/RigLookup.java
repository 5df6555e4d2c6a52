package io.gastown.cli.cluster;

import io.gastown.model.Rig;
import java.util.Optional;

/** Finds a rig's namespace: -n when given, else the Rig's settings, else {@code gt-<rig>}. */
public final class RigLookup {
  private RigLookup() {}

  public static String namespaceFor(ClusterSession session, String rig) {
    if (session.namespaceGiven()) {
      return session.namespace();
    }
    return find(session, rig).map(RigNamespaces::of).orElse(RigNamespaces.defaultFor(rig));
  }

  /**
   * The Rig, or empty when it does not exist or the user may not read Rigs (cluster-scoped, so
   * often not granted to people who work in a rig's namespace only).
   */
  public static Optional<Rig> find(ClusterSession session, String rig) {
    try {
      return Optional.of(
          session.require(
              Access.of("get", RigView.INSTANCE, null, rig),
              () -> session.client().resources(Rig.class).withName(rig).get()));
    } catch (ClusterException e) {
      if (e.reason() == ClusterException.Reason.FORBIDDEN
          || e.reason() == ClusterException.Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
