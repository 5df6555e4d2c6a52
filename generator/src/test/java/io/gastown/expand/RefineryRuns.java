package io.gastown.expand;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.KubernetesSpec;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatSpec;
import io.gastown.model.PolecatStatus;
import io.gastown.model.Refinery;
import io.gastown.model.RefinerySpec;
import io.gastown.model.Rig;
import io.gastown.render.PolecatManifests;
import io.gastown.render.RefineryManifests;
import io.gastown.render.RigManifests;
import io.gastown.render.Rigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test inputs of merge runs: a rig, its Refinery, Done polecats, and the run's expanded Pod. */
final class RefineryRuns {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private RefineryRuns() {}

  static Rig rig(String gitUrl) {
    return Rigs.create("my-rig", gitUrl, "gt", null, null, null);
  }

  static Refinery refinery(Rig rig, RefinerySpec spec) {
    return RefineryManifests.create(rig, spec);
  }

  /** A Done polecat of the rig that pushed {@code branch}, done {@code minute} minutes after T0. */
  static Polecat done(Rig rig, String name, String bead, String branch, int minute) {
    Polecat polecat = new Polecat();
    polecat.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(RigManifests.namespaceOf(rig))
            .build());
    PolecatSpec spec = new PolecatSpec();
    spec.setRig(rig.getMetadata().getName());
    spec.setBeadID(bead);
    if (branch != null) {
      KubernetesSpec k = new KubernetesSpec();
      k.setWorkBranch(branch);
      spec.setKubernetes(k);
    }
    polecat.setSpec(spec);
    PolecatStatus status = new PolecatStatus();
    status.setPhase(PolecatPhase.Done);
    status.setCompletedAt(T0.plusSeconds(60L * minute).toString());
    polecat.setStatus(status);
    return polecat;
  }

  static Polecat withCondition(Polecat polecat, String type, String status, String reason) {
    Condition condition = new Condition();
    condition.setType(type);
    condition.setStatus(status);
    condition.setReason(reason);
    List<Condition> conditions = new ArrayList<>();
    conditions.add(condition);
    polecat.getStatus().setConditions(conditions);
    return polecat;
  }

  /** The Pod of a run the CronJob starts, as the webhook receives it. */
  static Pod skeletonPod(Refinery refinery) {
    return SkeletonPod.fromJob(
        RefineryManifests.manualRun(
            RefineryManifests.cronJob(refinery, PolecatManifests.agentImage("0.1.0")),
            "refinery-my-rig-29000000"));
  }

  /** The run's expanded Pod for these polecats (the queue the webhook computes). */
  static Pod expanded(Refinery refinery, Rig rig, List<Polecat> polecats) {
    return RefineryPodExpander.expand(
        skeletonPod(refinery),
        refinery,
        rig,
        RefineryQueue.of(refinery, rig, polecats, List.of()),
        PlatformConfig.defaults());
  }
}
