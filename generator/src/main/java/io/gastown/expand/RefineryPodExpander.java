package io.gastown.expand;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.gastown.model.GasTown;
import io.gastown.model.PodContract;
import io.gastown.model.Refinery;
import io.gastown.model.RefinerySpec;
import io.gastown.model.Rig;
import io.gastown.model.SecretReference;
import io.gastown.model.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the skeleton Pod of a Refinery's CronJob into a merge run, the way {@link PodExpander}
 * turns a polecat's: git-init clones the target branch of the Rig's repository with the Refinery's
 * (else the Rig's) SSH key, trusting the Refinery's known_hosts ConfigMap (else the built-in list),
 * the merge container lands the queue's branches, restricted security, no service account token.
 * The queue ({@link RefineryQueue}) is given, in merge order, and recorded on the Pod ({@value
 * GasTown#ANNOTATION_MERGE_QUEUE}) for the status reporter. Pure; an expanded Pod comes back
 * unchanged.
 */
public final class RefineryPodExpander {
  private RefineryPodExpander() {}

  /**
   * @param rig the Refinery's Rig, or null when it does not exist (refused)
   * @throws ExpansionException naming the field to fix when no working Pod can be made
   */
  public static Pod expand(
      Pod pod,
      Refinery refinery,
      Rig rig,
      List<RefineryQueue.Entry> queue,
      PlatformConfig platform) {
    Pod expanded = Serialization.jsonMapper().convertValue(pod, Pod.class);
    if (PodExpander.isExpanded(pod)) {
      return expanded;
    }
    GitCheckout checkout = checkout(refinery, rig);
    RefinerySpec spec = refinery.getSpec();

    ObjectMeta metadata =
        expanded.getMetadata() != null ? expanded.getMetadata() : new ObjectMeta();
    Map<String, String> labels =
        new LinkedHashMap<>(metadata.getLabels() != null ? metadata.getLabels() : Map.of());
    labels.put(GasTown.LABEL_REFINERY, refinery.getMetadata().getName());
    labels.put(GasTown.LABEL_RIG, spec.getRigRef());
    metadata.setLabels(labels);
    Map<String, String> annotations =
        new LinkedHashMap<>(
            metadata.getAnnotations() != null ? metadata.getAnnotations() : Map.of());
    annotations.put(GasTown.ANNOTATION_EXPANDED, PodExpander.EXPANDED_VALUE);
    annotations.put(GasTown.ANNOTATION_MERGE_QUEUE, RefineryQueue.annotation(queue));
    metadata.setAnnotations(annotations);
    expanded.setMetadata(metadata);

    PodSpec podSpec = expanded.getSpec() != null ? expanded.getSpec() : new PodSpec();
    podSpec.setInitContainers(List.of(GitInitContainer.build(checkout, platform)));
    podSpec.setContainers(
        List.of(
            RefineryMergeContainer.build(
                spec,
                checkout.repository(),
                queue.stream().map(RefineryQueue.Entry::branch).toList(),
                platform)));
    podSpec.setVolumes(Volumes.forCheckout(checkout));
    podSpec.setSecurityContext(PodSecurity.pod(platform));
    podSpec.setRestartPolicy("Never");
    podSpec.setActiveDeadlineSeconds(platform.activeDeadlineSeconds());
    podSpec.setAutomountServiceAccountToken(false);
    expanded.setSpec(podSpec);
    return expanded;
  }

  /** The Secrets the merge run mounts: its SSH key, if any. */
  public static List<String> referencedSecrets(Refinery refinery, Rig rig) {
    SecretReference secret = checkout(refinery, rig).gitSecret();
    return secret != null ? List.of(secret.getName()) : List.of();
  }

  private static GitCheckout checkout(Refinery refinery, Rig rig) {
    String where =
        "Refinery "
            + refinery.getMetadata().getNamespace()
            + "/"
            + refinery.getMetadata().getName();
    RefinerySpec spec = refinery.getSpec();
    if (spec == null || spec.getRigRef() == null) {
      throw new ExpansionException(
          where + " has no spec.rigRef: name the Rig whose branches it merges");
    }
    if (rig == null || rig.getSpec() == null || rig.getSpec().getGitURL() == null) {
      throw new ExpansionException(
          where
              + ": Rig "
              + spec.getRigRef()
              + " does not exist or has no spec.gitURL: create the Rig (kubectl gt rig create)"
              + " or fix spec.rigRef");
    }
    String repository = rig.getSpec().getGitURL();
    SecretReference gitSecret =
        spec.getGitSecretRef() != null
            ? spec.getGitSecretRef()
            : rig.getSpec().getSettings() != null
                ? rig.getSpec().getSettings().getGitSecretRef()
                : null;
    if (GitRemote.isSsh(repository) && gitSecret == null) {
      throw new ExpansionException(
          where
              + ": "
              + repository
              + " is an SSH URL but no SSH key is named: set spec.gitSecretRef (a Secret with key"
              + " ssh-privatekey that may push to "
              + RefineryMergeContainer.targetBranch(spec)
              + "), or settings.gitSecretRef of Rig "
              + spec.getRigRef());
    }
    return new GitCheckout(
        PodContract.REFINERY_CRONJOB_PREFIX + refinery.getMetadata().getName(),
        repository,
        RefineryMergeContainer.targetBranch(spec),
        PodContract.REFINERY_LOCAL_BRANCH,
        gitSecret,
        spec.getSshKnownHostsConfigMapRef());
  }
}
