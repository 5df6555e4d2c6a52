package io.gastown.validation;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.expand.ExpansionException;
import io.gastown.expand.PlatformConfig;
import io.gastown.expand.PodExpander;
import io.gastown.model.BeadStore;
import io.gastown.model.DesiredState;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@code POST /mutate/pods} decides for a polecat Pod, in one copy for the webhook and the
 * offline preview ({@code kubectl gt polecat preview}): the names it looks up are names, the
 * Polecat exists, belongs to the Pod's rig, is meant to run and keeps the platform's and its Rig's
 * policy, the Secrets it needs exist, and the pure expansion ({@link PodExpander}) can make a
 * working Pod. Either the expanded Pod or an {@link AdmissionRefusal} whose message is the
 * webhook's denial, word for word.
 */
public final class PodAdmissionRules {
  /**
   * Told each phase of {@link #admit} as it ends (polecat, rig, policy, secrets, expand): for
   * timing.
   */
  @FunctionalInterface
  public interface Phases {
    Phases NONE = phase -> {};

    void ended(String phase);
  }

  private PodAdmissionRules() {}

  /**
   * Whether admission expands this Pod at all: a CREATE of a Pod labelled with a polecat, not
   * expanded yet.
   */
  public static boolean isPolecatPod(Pod pod) {
    return polecatLabel(pod) != null && !PodExpander.isExpanded(pod);
  }

  /**
   * @param pod the Pod as the Job controller created it, labelled {@value GasTown#LABEL_POLECAT}
   * @param namespace the namespace it is created in
   * @return the expanded Pod
   * @throws AdmissionRefusal when the Pod may not be created now; the message names what is wrong
   *     and the fix
   */
  public static Pod admit(
      Pod pod, String namespace, AdmissionLookup cluster, PlatformConfig platform) {
    return admit(pod, namespace, cluster, platform, Phases.NONE);
  }

  /**
   * {@link #admit(Pod, String, AdmissionLookup, PlatformConfig)}, telling {@code phases} as each
   * phase ends.
   */
  public static Pod admit(
      Pod pod, String namespace, AdmissionLookup cluster, PlatformConfig platform, Phases phases) {
    String polecatName = polecatLabel(pod);
    requireName(
        polecatName,
        KubernetesSyntax.dns1123Subdomain(polecatName),
        "the Pod's label " + GasTown.LABEL_POLECAT,
        "name an existing Polecat");
    requireName(
        namespace,
        KubernetesSyntax.dns1123Label(namespace),
        "the Pod's namespace",
        "create the Pod in a rig's namespace");
    String podRig = pod.getMetadata().getLabels().get(GasTown.LABEL_RIG);

    Polecat polecat =
        cluster
            .polecat(namespace, polecatName)
            .orElseThrow(
                () ->
                    refused(
                        "no Polecat "
                            + polecatName
                            + " in namespace "
                            + namespace
                            + " (named by the Pod's label "
                            + GasTown.LABEL_POLECAT
                            + "): create the "
                            + "Polecat first; the Job controller creates the Pod again"));
    phases.ended("polecat");
    String where = "Polecat " + namespace + "/" + polecatName;
    String rigName = polecat.getSpec() != null ? polecat.getSpec().getRig() : null;
    if (podRig != null && !Objects.equals(podRig, rigName)) {
      throw refused(
          "the Pod's label "
              + GasTown.LABEL_RIG
              + "="
              + podRig
              + " does not match spec.rig="
              + rigName
              + " of "
              + where
              + ": fix the Job's label or the Polecat");
    }
    DesiredState desired = polecat.getSpec() != null ? polecat.getSpec().getDesiredState() : null;
    if (desired != null && desired != DesiredState.Working) {
      throw refused(where + " has desiredState " + desired + ": set it to Working to run it");
    }
    if (rigName != null) {
      requireName(
          rigName,
          KubernetesSyntax.dns1123Label(rigName),
          "spec.rig of " + where,
          "name an existing Rig");
    }
    Rig rig = rigName != null ? cluster.rig(rigName).orElse(null) : null;
    BeadStore beadStore =
        rigName != null ? cluster.beadStoreOf(rigName, namespace).orElse(null) : null;
    phases.ended("rig");
    List<Violation> policy = PolicyRules.check(polecat, rig, platform);
    if (!policy.isEmpty()) {
      throw refused(
          where
              + " is refused by policy: "
              + policy.stream().map(Violation::toString).collect(Collectors.joining("; "))
              + "; the Pod is not expanded");
    }
    phases.ended("policy");
    try {
      List<String> secrets = PodExpander.referencedSecrets(polecat, rig, beadStore, platform);
      for (String secret : secrets) {
        requireName(
            secret,
            KubernetesSyntax.dns1123Subdomain(secret),
            "a Secret named by " + where + " or its Rig",
            "name a Secret");
      }
      List<String> missing = cluster.missingSecrets(namespace, secrets);
      if (!missing.isEmpty()) {
        throw refused(
            (missing.size() == 1
                    ? "Secret " + missing.get(0) + " does"
                    : "Secrets " + String.join(", ", missing) + " do")
                + " not exist in namespace "
                + namespace
                + " (referenced by "
                + where
                + " or its Rig): create "
                + (missing.size() == 1 ? "it" : "them")
                + ", e.g. with kubectl gt auth sync");
      }
      phases.ended("secrets");
      Pod expanded = PodExpander.expand(pod, polecat, rig, beadStore, platform);
      phases.ended("expand");
      return expanded;
    } catch (ExpansionException e) {
      throw refused(e.getMessage());
    }
  }

  private static String polecatLabel(Pod pod) {
    Map<String, String> labels = pod.getMetadata() != null ? pod.getMetadata().getLabels() : null;
    return labels != null ? labels.get(GasTown.LABEL_POLECAT) : null;
  }

  /** Refuses a value that cannot be a name before it is used to look anything up. */
  private static void requireName(String value, String rule, String what, String fix) {
    if (rule != null) {
      throw refused(what + " " + rule + " (got \"" + KubernetesSyntax.shown(value) + "\"): " + fix);
    }
  }

  private static AdmissionRefusal refused(String message) {
    return new AdmissionRefusal(message);
  }
}
