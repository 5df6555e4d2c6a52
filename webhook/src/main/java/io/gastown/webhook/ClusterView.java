package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.BeadStore;
import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import java.util.List;
import java.util.Optional;

/** What admission needs to know about the cluster. Implementations read from a cache and fall back to the apiserver. */
public interface ClusterView {
  Optional<Polecat> polecat(String namespace, String name);

  Optional<Rig> rig(String name);

  /** The BeadStore whose spec.rigRef names the rig: the one in the given namespace first, else any. */
  Optional<BeadStore> beadStoreOf(String rig, String namespace);

  /** Whether the Secret exists; only its metadata is read. */
  boolean secretExists(String namespace, String name);

  /** The Secrets, of those named, that do not exist in the namespace, in their order. */
  default List<String> missingSecrets(String namespace, List<String> names) {
    return names.stream().filter(name -> !secretExists(namespace, name)).toList();
  }

  /** The Convoys in the namespace. */
  List<Convoy> convoys(String namespace);

  /**
   * The polecat Pods labelled {@code gastown.io/rig=<rig>} (finished ones too), from the cache: admission counts the
   * rig's slots from it and never reads Pods from the apiserver per request.
   */
  List<Pod> polecatPods(String rig);

  /** True once the caches hold a complete first list; until then the webhook is not ready. */
  boolean synced();
}
