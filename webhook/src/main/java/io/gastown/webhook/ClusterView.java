package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Convoy;
import io.gastown.validation.AdmissionLookup;
import io.gastown.validation.RefineryLookup;
import java.util.List;

/**
 * What admission needs to know about the cluster (the Polecat, its Rig and BeadStore, whether a
 * Secret exists: see {@link AdmissionLookup}, which the offline preview answers from git; and, for
 * the budgets, the Convoys and the rig's polecat Pods; for a merge run's Pod, the Refinery and the
 * namespace's Polecats: see {@link RefineryLookup}). Implementations read from a cache and fall
 * back to the apiserver.
 */
public interface ClusterView extends AdmissionLookup, RefineryLookup {
  /** The Convoys in the namespace. */
  @Override
  List<Convoy> convoys(String namespace);

  @Override
  default List<String> missingSecrets(String namespace, List<String> names) {
    return AdmissionLookup.super.missingSecrets(namespace, names);
  }

  /**
   * The polecat Pods labelled {@code gastown.io/rig=<rig>} (finished ones too), from the cache:
   * admission counts the rig's slots from it and never reads Pods from the apiserver per request.
   */
  List<Pod> polecatPods(String rig);

  /** True once the caches hold a complete first list; until then the webhook is not ready. */
  boolean synced();
}
