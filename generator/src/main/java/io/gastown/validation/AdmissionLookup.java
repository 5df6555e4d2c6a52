package io.gastown.validation;

import io.gastown.model.BeadStore;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import java.util.List;
import java.util.Optional;

/**
 * What admission reads besides the object under review: the webhook answers from the cluster (its
 * informer caches), the offline preview ({@code kubectl gt polecat preview}) from the GitOps
 * repository. Every name passed in has been checked against the Kubernetes syntax for its kind
 * first ({@link KubernetesSyntax}).
 */
public interface AdmissionLookup {
  Optional<Polecat> polecat(String namespace, String name);

  Optional<Rig> rig(String name);

  /**
   * The BeadStore whose spec.rigRef names the rig: the one in the given namespace first, else any.
   */
  Optional<BeadStore> beadStoreOf(String rig, String namespace);

  /** Whether the Secret exists; only its metadata is read. */
  boolean secretExists(String namespace, String name);

  /**
   * The Secrets, of those named, that do not exist in the namespace, in their order (the webhook
   * asks at once).
   */
  default List<String> missingSecrets(String namespace, List<String> names) {
    return names.stream().filter(name -> !secretExists(namespace, name)).toList();
  }
}
