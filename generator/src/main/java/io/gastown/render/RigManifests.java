package io.gastown.render;

import io.fabric8.kubernetes.api.model.Namespace;
import io.gastown.model.GasTown;
import io.gastown.model.Rig;
import io.gastown.model.RigSpec;
import io.gastown.model.Witness;
import io.gastown.model.WitnessSpec;
import java.util.List;
import java.util.Map;

/**
 * {@code rigs/<rig>/rig.yaml}: the rig's Namespace (opted in to the webhook), the Rig, and its
 * Witness.
 */
public final class RigManifests {
  public static final String NAMESPACE_PREFIX = "gt-";

  private RigManifests() {}

  /**
   * The namespace of the rig's polecats: {@code spec.settings.namespace}, else {@code gt-<rig>}.
   */
  public static String namespaceOf(Rig rig) {
    RigSpec spec = rig.getSpec();
    if (spec != null && spec.getSettings() != null && spec.getSettings().getNamespace() != null) {
      return spec.getSettings().getNamespace();
    }
    return NAMESPACE_PREFIX + rig.getMetadata().getName();
  }

  public static RenderedFile render(Rig rig) {
    String name = rig.getMetadata().getName();
    return RenderedFile.of(
        GitOpsLayout.rigFile(name),
        Manifests.toYaml(List.of(namespace(rig), rig(rig), witness(rig))));
  }

  /** The rig's Namespace, labelled to opt in to the polecat webhook and to enforce restricted. */
  public static Namespace namespace(Rig rig) {
    Namespace namespace = new Namespace();
    namespace.setApiVersion("v1");
    namespace.setKind("Namespace");
    namespace.setMetadata(
        Manifests.metadata(
            namespaceOf(rig),
            null,
            GasTown.rigNamespaceLabels(rig.getMetadata().getName()),
            SyncWave.NAMESPACE));
    return namespace;
  }

  static Rig rig(Rig source) {
    Rig rig = new Rig();
    String name = source.getMetadata().getName();
    rig.setMetadata(Manifests.metadata(name, null, Map.of(GasTown.LABEL_RIG, name), SyncWave.RIG));
    rig.setSpec(source.getSpec());
    return rig;
  }

  /** A Witness with the CRD's defaults, so stuck detection works for the rig from the start. */
  public static Witness witness(Rig rig) {
    String name = rig.getMetadata().getName();
    Witness witness = new Witness();
    witness.setMetadata(
        Manifests.metadata(
            name, namespaceOf(rig), Map.of(GasTown.LABEL_RIG, name), SyncWave.WITNESS));
    WitnessSpec spec = new WitnessSpec();
    spec.setRigRef(name);
    witness.setSpec(spec);
    return witness;
  }
}
