package io.gastown.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gastown.expand.PlatformConfig;
import io.gastown.expand.SkeletonPod;
import io.gastown.model.BeadStore;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The Pod the webhook would admit for a polecat declared in git, offline: what Argo CD's sync of
 * the Rig and the Polecat would meet at {@code /validate/<plural>} ({@link
 * GasTownValidation#admission}), the Pod the Job controller would create from the Job ({@link
 * SkeletonPod}), and what {@code /mutate/pods} makes of it ({@link PodAdmissionRules}): the same
 * code as the webhook, so the same Pod or the same refusal, word for word.
 */
public final class PodPreview {
  /**
   * Namespaces the MutatingWebhookConfiguration never sends (kustomize/base/webhook/mutating.yaml).
   */
  static final Set<String> NEVER_EXPANDED =
      Set.of("gastown-system", "kube-system", "kube-public", "kube-node-lease");

  private PodPreview() {}

  /**
   * A polecat as the GitOps repository declares it.
   *
   * @param polecat the Polecat (required)
   * @param job the Job that runs it (required)
   * @param rig its Rig, or null when the repository has none
   * @param beadStore the Rig's BeadStore, or null
   * @param namespace the Namespace the Pod is created in, or null when it is not declared (then it
   *     is assumed to be opted in to the webhook)
   */
  public record Declared(
      Polecat polecat, Job job, Rig rig, BeadStore beadStore, Namespace namespace) {
    public Declared {
      Objects.requireNonNull(polecat, "polecat");
      Objects.requireNonNull(job, "job");
    }
  }

  /**
   * @param secretExists whether a Secret exists, by namespace and name (offline: unknown, so a
   *     caller says yes and reports the names it was asked)
   * @return the Pod the webhook would admit
   * @throws AdmissionRefusal with the webhook's own message when it would refuse the Rig, the
   *     Polecat or the Pod, or with a message naming the field and the fix when the Job would not
   *     make a Pod that reaches the webhook
   */
  public static Pod preview(
      Declared declared, PlatformConfig platform, BiPredicate<String, String> secretExists) {
    Job job = declared.job();
    String jobName = job.getMetadata() != null ? job.getMetadata().getName() : null;
    String polecatName = declared.polecat().getMetadata().getName();
    // Argo CD puts an object without a namespace into the Application's destination namespace;
    // kubectl gt writes it.
    String namespace =
        firstNonEmpty(
            job.getMetadata() != null ? job.getMetadata().getNamespace() : null,
            declared.polecat().getMetadata().getNamespace());
    if (namespace == null) {
      throw new AdmissionRefusal(
          "neither Job "
              + jobName
              + " nor Polecat "
              + polecatName
              + " has a "
              + "metadata.namespace: set it to the rig's namespace");
    }
    Declared placed =
        new Declared(
            inNamespace(declared.polecat(), namespace),
            inNamespace(job, namespace),
            declared.rig(),
            declared.beadStore(),
            declared.namespace());
    AdmissionLookup git = new Repository(placed, secretExists);
    if (placed.rig() != null) {
      requireAdmitted("Rig", placed.rig(), git, platform);
    }
    requireAdmitted("Polecat", placed.polecat(), git, platform);

    Pod skeleton;
    try {
      skeleton = SkeletonPod.fromJob(placed.job());
    } catch (IllegalArgumentException e) {
      throw new AdmissionRefusal(
          e.getMessage() + ": fix the Job in git (kubectl gt sling writes a complete one)");
    }
    if (!PodAdmissionRules.isPolecatPod(skeleton)) {
      throw new AdmissionRefusal(
          "the pod template of Job "
              + jobName
              + " has no label "
              + GasTown.LABEL_POLECAT
              + ", so the webhook would not expand its Pod: set spec.template.metadata.labels."
              + GasTown.LABEL_POLECAT
              + " to "
              + polecatName
              + " (kubectl gt sling writes it)");
    }
    requireWebhookCalled(namespace, placed.namespace());
    return PodAdmissionRules.admit(skeleton, namespace, git, platform);
  }

  private static String firstNonEmpty(String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  /** The object itself when it has the namespace, else a copy placed in it. */
  private static <T extends HasMetadata> T inNamespace(T object, String namespace) {
    if (object.getMetadata() == null || namespace.equals(object.getMetadata().getNamespace())) {
      return object;
    }
    @SuppressWarnings("unchecked")
    T copy = (T) Serialization.jsonMapper().convertValue(object, object.getClass());
    copy.getMetadata().setNamespace(namespace);
    return copy;
  }

  private static void requireAdmitted(
      String kind, HasMetadata object, AdmissionLookup git, PlatformConfig platform) {
    List<Violation> violations = GasTownValidation.admission(object, null, git, platform);
    if (!violations.isEmpty()) {
      throw new AdmissionRefusal(GasTownValidation.refusal(kind, object, violations));
    }
  }

  /**
   * The MutatingWebhookConfiguration's namespaceSelector: an opted-in namespace, never a system
   * one.
   */
  private static void requireWebhookCalled(String namespace, Namespace declared) {
    if (NEVER_EXPANDED.contains(namespace)) {
      throw new AdmissionRefusal(
          "namespace "
              + namespace
              + " is never sent to the webhook, so the Pod would not be "
              + "expanded: put the polecat in its rig's namespace");
    }
    if (declared == null || !namespace.equals(declared.getMetadata().getName())) {
      return;
    }
    Map<String, String> labels =
        declared.getMetadata().getLabels() != null ? declared.getMetadata().getLabels() : Map.of();
    if (!GasTown.NAMESPACE_OPT_IN_VALUE.equals(labels.get(GasTown.LABEL_NAMESPACE_OPT_IN))) {
      throw new AdmissionRefusal(
          "Namespace "
              + namespace
              + " is not opted in to the webhook, so the Pod would run "
              + "unexpanded: set metadata.labels."
              + GasTown.LABEL_NAMESPACE_OPT_IN
              + " to "
              + GasTown.NAMESPACE_OPT_IN_VALUE
              + " on it (in the rig's rig.yaml)");
    }
  }

  /** The repository's answers to admission's lookups. */
  private record Repository(Declared declared, BiPredicate<String, String> secrets)
      implements AdmissionLookup {
    @Override
    public Optional<Polecat> polecat(String namespace, String name) {
      Polecat polecat = declared.polecat();
      return name.equals(polecat.getMetadata().getName())
              && namespace.equals(polecat.getMetadata().getNamespace())
          ? Optional.of(polecat)
          : Optional.empty();
    }

    @Override
    public Optional<Rig> rig(String name) {
      Rig rig = declared.rig();
      return rig != null && rig.getMetadata() != null && name.equals(rig.getMetadata().getName())
          ? Optional.of(rig)
          : Optional.empty();
    }

    @Override
    public Optional<BeadStore> beadStoreOf(String rig, String namespace) {
      BeadStore store = declared.beadStore();
      return store != null && store.getSpec() != null && rig.equals(store.getSpec().getRigRef())
          ? Optional.of(store)
          : Optional.empty();
    }

    @Override
    public boolean secretExists(String namespace, String name) {
      return secrets.test(namespace, name);
    }
  }
}
