package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gastown.model.Convoy;
import io.gastown.model.ConvoyPhase;
import io.gastown.model.ConvoySpec;
import io.gastown.model.ConvoyStatus;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatSpec;
import io.gastown.model.PolecatStatus;
import io.gastown.model.Rig;
import io.gastown.model.RigSpec;
import java.time.Instant;
import java.util.List;

/** Small model objects for tests. */
public final class Fixtures {
  public static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private Fixtures() {}

  public static Polecat polecat(
      String namespace, String name, String rig, String bead, PolecatPhase phase) {
    Polecat polecat = new Polecat();
    polecat.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withCreationTimestamp("2026-11-21T11:55:00Z")
            .build());
    PolecatSpec spec = new PolecatSpec();
    spec.setRig(rig);
    spec.setBeadID(bead);
    polecat.setSpec(spec);
    if (phase != null) {
      PolecatStatus status = new PolecatStatus();
      status.setPhase(phase);
      polecat.setStatus(status);
    }
    return polecat;
  }

  public static Rig rig(String name, String prefix) {
    Rig rig = new Rig();
    rig.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withCreationTimestamp("2026-11-18T12:00:00Z")
            .build());
    RigSpec spec = new RigSpec();
    spec.setGitURL("git@github.com:acme/" + name + ".git");
    spec.setBeadsPrefix(prefix);
    rig.setSpec(spec);
    return rig;
  }

  public static Convoy convoy(
      String namespace, String name, List<String> beads, List<String> done) {
    Convoy convoy = new Convoy();
    convoy.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withCreationTimestamp("2026-11-21T10:00:00Z")
            .build());
    ConvoySpec spec = new ConvoySpec();
    spec.setDescription("Auth rework");
    spec.setTrackedBeads(beads);
    spec.setRigRef("my-rig");
    convoy.setSpec(spec);
    ConvoyStatus status = new ConvoyStatus();
    status.setPhase(ConvoyPhase.InProgress);
    status.setCompletedBeads(done);
    status.setProgress(done.size() + "/" + beads.size());
    convoy.setStatus(status);
    return convoy;
  }
}
