package io.gastown.expand;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.gastown.model.BeadStore;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the skeleton Pod that a polecat's Job creates into the Pod that does the work: git-init
 * clones the work branch, the agent container runs the agent, with the Polecat's credentials,
 * restricted security and {@code gastown.io/*} labels. Pure and deterministic: the same inputs give
 * the same Pod, and a Pod that is already expanded (annotation {@value
 * GasTown#ANNOTATION_EXPANDED}) comes back unchanged.
 *
 * <p>The expansion owns the containers, init containers, volumes, security context, restart policy,
 * deadline and token automount; everything else the Job put on the Pod (name, owner, scheduling,
 * service account name, other labels and annotations) is kept.
 */
public final class PodExpander {
  public static final String EXPANDED_VALUE = "true";

  private PodExpander() {}

  /**
   * @param pod the Pod as the Job controller created it
   * @param polecat the Polecat named by the Pod's {@value GasTown#LABEL_POLECAT} label
   * @param rig the Polecat's Rig, or null when it does not exist
   * @param beadStore the Rig's BeadStore, or null
   * @throws ExpansionException when the Polecat cannot make a working Pod (the message names the
   *     field to fix)
   */
  public static Pod expand(
      Pod pod, Polecat polecat, Rig rig, BeadStore beadStore, PlatformConfig platform) {
    Pod expanded = copy(pod);
    if (isExpanded(pod)) {
      return expanded;
    }
    ResolvedPolecat resolved = ResolvedPolecat.resolve(polecat, rig, beadStore, platform);

    ObjectMeta metadata =
        expanded.getMetadata() != null ? expanded.getMetadata() : new ObjectMeta();
    Map<String, String> labels =
        new LinkedHashMap<>(metadata.getLabels() != null ? metadata.getLabels() : Map.of());
    labels.put(GasTown.LABEL_POLECAT, resolved.name());
    labels.put(GasTown.LABEL_RIG, resolved.rig());
    if (resolved.beadID() != null) {
      labels.put(GasTown.LABEL_BEAD, resolved.beadID());
    }
    metadata.setLabels(labels);
    Map<String, String> annotations =
        new LinkedHashMap<>(
            metadata.getAnnotations() != null ? metadata.getAnnotations() : Map.of());
    annotations.put(GasTown.ANNOTATION_EXPANDED, EXPANDED_VALUE);
    metadata.setAnnotations(annotations);
    expanded.setMetadata(metadata);

    PodSpec spec = expanded.getSpec() != null ? expanded.getSpec() : new PodSpec();
    spec.setInitContainers(List.of(GitInitContainer.build(resolved.checkout(), platform)));
    spec.setContainers(List.of(AgentContainer.build(resolved)));
    // Replaces the skeleton's volumes, including the service account token volume that the
    // apiserver adds.
    spec.setVolumes(Volumes.forPod(resolved));
    spec.setSecurityContext(PodSecurity.pod(platform));
    spec.setRestartPolicy("Never");
    spec.setActiveDeadlineSeconds(resolved.activeDeadlineSeconds());
    spec.setAutomountServiceAccountToken(false);
    expanded.setSpec(spec);
    return expanded;
  }

  /** The names of the Secrets the expanded Pod mounts or reads, in a stable order. */
  public static List<String> referencedSecrets(
      Polecat polecat, Rig rig, BeadStore beadStore, PlatformConfig platform) {
    return ResolvedPolecat.resolve(polecat, rig, beadStore, platform).secretNames();
  }

  public static boolean isExpanded(Pod pod) {
    return pod.getMetadata() != null
        && pod.getMetadata().getAnnotations() != null
        && pod.getMetadata().getAnnotations().containsKey(GasTown.ANNOTATION_EXPANDED);
  }

  private static Pod copy(Pod pod) {
    return Serialization.jsonMapper().convertValue(pod, Pod.class);
  }
}
