package io.gastown.cli.cluster;

import io.gastown.model.Rig;
import io.gastown.render.RigManifests;

/**
 * Where a rig's polecats live: the rule the manifests are rendered with ({@link
 * RigManifests#namespaceOf}).
 */
public final class RigNamespaces {
  private RigNamespaces() {}

  public static String of(Rig rig) {
    return RigManifests.namespaceOf(rig);
  }

  /** The namespace of a rig whose Rig object cannot be read: the default, {@code gt-<rig>}. */
  public static String defaultFor(String rigName) {
    return RigManifests.NAMESPACE_PREFIX + rigName;
  }
}
