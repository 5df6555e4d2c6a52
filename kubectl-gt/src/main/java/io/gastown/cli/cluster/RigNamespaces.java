package io.gastown.cli.cluster;

import io.gastown.model.Rig;
import io.gastown.model.RigSettings;

/** Where a rig's polecats live: {@code spec.settings.namespace}, else {@code gt-<rig>}. */
public final class RigNamespaces {
  private RigNamespaces() {
  }

  public static String of(Rig rig) {
    RigSettings settings = rig.getSpec() == null ? null : rig.getSpec().getSettings();
    if (settings != null && settings.getNamespace() != null && !settings.getNamespace().isBlank()) {
      return settings.getNamespace();
    }
    return defaultFor(rig.getMetadata().getName());
  }

  public static String defaultFor(String rigName) {
    return "gt-" + rigName;
  }
}
