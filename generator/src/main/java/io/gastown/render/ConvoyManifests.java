package io.gastown.render;

import io.gastown.model.Convoy;
import io.gastown.model.GasTown;
import java.util.List;
import java.util.Map;

/** {@code rigs/<rig>/convoys/<id>.yaml}: one Convoy. */
public final class ConvoyManifests {
  private ConvoyManifests() {}

  /** The convoy's file. The Convoy must have its name, namespace and {@code spec.rigRef} set. */
  public static RenderedFile render(Convoy source) {
    String rig = source.getSpec().getRigRef();
    Convoy convoy = new Convoy();
    convoy.setMetadata(
        Manifests.metadata(
            source.getMetadata().getName(),
            source.getMetadata().getNamespace(),
            Map.of(GasTown.LABEL_RIG, rig),
            SyncWave.CONVOY));
    convoy.setSpec(source.getSpec());
    return RenderedFile.of(
        GitOpsLayout.convoyFile(rig, convoy.getMetadata().getName()),
        Manifests.toYaml(List.of(convoy)));
  }
}
