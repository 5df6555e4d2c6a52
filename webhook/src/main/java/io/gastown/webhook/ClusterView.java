package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Convoy;
import io.gastown.validation.AdmissionLookup;
import java.util.List;

/**
 * What admission needs to know about the cluster (the Polecat, its Rig and BeadStore, whether a
 * Secret exists: see {@link AdmissionLookup}, which the offline preview answers from git; and, for
 * the budgets, the Convoys and the rig's polecat Pods). Implementations read from a cache and fall
 * back to the apiserver.
 */
public interface ClusterView extends AdmissionLookup {
  /** The Convoys in the namespace. */
  List<Convoy> convoys(String namespace);

  /**
   * The polecat Pods labelled {@code gastown.io/rig=<rig>} (finished ones too), from the cache:
   * admission counts the rig's slots from it and never reads Pods from the apiserver per request.
   */
  List<Pod> polecatPods(String rig);

  /** True once the caches hold a complete first list; until then the webhook is not ready. */
  boolean synced();
}
