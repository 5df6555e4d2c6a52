package io.gastown.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.gastown.model.Agent;
import io.gastown.model.NamepoolTheme;
import io.gastown.model.Rig;
import io.gastown.model.RigSettings;
import io.gastown.model.RigSpec;

/** Builds a new Rig from {@code kubectl gt rig create}'s arguments. */
public final class Rigs {
  private Rigs() {}

  /**
   * @param theme null to leave the CRD default (mad-max)
   * @param agent null to leave the CRD default (claude-code)
   * @param namespace null for gt-&lt;name&gt;; written out either way so the Rig says where its
   *     polecats run
   */
  public static Rig create(
      String name,
      String gitUrl,
      String prefix,
      NamepoolTheme theme,
      Agent agent,
      String namespace) {
    RigSettings settings = new RigSettings();
    settings.setNamepoolTheme(theme);
    settings.setAgent(agent);
    settings.setNamespace(namespace != null ? namespace : RigManifests.NAMESPACE_PREFIX + name);
    RigSpec spec = new RigSpec();
    spec.setGitURL(gitUrl);
    spec.setBeadsPrefix(prefix);
    spec.setSettings(settings);
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name);
    Rig rig = new Rig();
    rig.setMetadata(metadata);
    rig.setSpec(spec);
    return rig;
  }
}
