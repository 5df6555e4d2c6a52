package io.gastown.webhook;

import io.gastown.validation.AdmissionLookup;

/**
 * What admission needs to know about the cluster (the Polecat, its Rig and BeadStore, whether a Secret exists: see
 * {@link AdmissionLookup}, which the offline preview answers from git). Implementations read from a cache and fall
 * back to the apiserver.
 */
public interface ClusterView extends AdmissionLookup {
  /** True once the caches hold a complete first list; until then the webhook is not ready. */
  boolean synced();
}
