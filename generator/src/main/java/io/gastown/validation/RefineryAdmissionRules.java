package io.gastown.validation;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.expand.ExpansionException;
import io.gastown.expand.PlatformConfig;
import io.gastown.expand.PodExpander;
import io.gastown.expand.RefineryPodExpander;
import io.gastown.expand.RefineryQueue;
import io.gastown.model.GasTown;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code POST /mutate/pods} decides for the Pod of a Refinery's merge run (labelled {@value
 * GasTown#LABEL_REFINERY}): the Refinery exists and belongs to the Pod's rig, its SSH key exists,
 * and the Pod is expanded with the queue as the rig's Polecats make it now. Either the expanded Pod
 * or an {@link AdmissionRefusal} naming what is wrong and the fix.
 */
public final class RefineryAdmissionRules {
  private RefineryAdmissionRules() {}

  /** Whether admission expands this Pod as a merge run: labelled, not expanded yet. */
  public static boolean isRefineryPod(Pod pod) {
    return refineryLabel(pod) != null && !PodExpander.isExpanded(pod);
  }

  public static Pod admit(
      Pod pod, String namespace, RefineryLookup cluster, PlatformConfig platform) {
    String name = refineryLabel(pod);
    requireName(
        name,
        KubernetesSyntax.dns1123Subdomain(name),
        "the Pod's label " + GasTown.LABEL_REFINERY,
        "name the Refinery");
    requireName(
        namespace,
        KubernetesSyntax.dns1123Label(namespace),
        "the Pod's namespace",
        "create the Pod in a rig's namespace");
    Refinery refinery =
        cluster
            .refinery(namespace, name)
            .orElseThrow(
                () ->
                    new AdmissionRefusal(
                        "no Refinery "
                            + name
                            + " in namespace "
                            + namespace
                            + " (named by the Pod's label "
                            + GasTown.LABEL_REFINERY
                            + "): create it (kubectl gt refinery create <rig>); the CronJob starts"
                            + " the next run on its schedule"));
    String where = "Refinery " + namespace + "/" + name;
    String rigName = refinery.getSpec() != null ? refinery.getSpec().getRigRef() : null;
    String podRig = pod.getMetadata().getLabels().get(GasTown.LABEL_RIG);
    if (podRig != null && !Objects.equals(podRig, rigName)) {
      throw new AdmissionRefusal(
          "the Pod's label "
              + GasTown.LABEL_RIG
              + "="
              + podRig
              + " does not match spec.rigRef="
              + rigName
              + " of "
              + where
              + ": fix the CronJob's label or the Refinery");
    }
    if (rigName != null) {
      requireName(
          rigName,
          KubernetesSyntax.dns1123Label(rigName),
          "spec.rigRef of " + where,
          "name an existing Rig");
    }
    Rig rig = rigName != null ? cluster.rig(rigName).orElse(null) : null;
    try {
      List<String> secrets = RefineryPodExpander.referencedSecrets(refinery, rig);
      List<String> missing = cluster.missingSecrets(namespace, secrets);
      if (!missing.isEmpty()) {
        throw new AdmissionRefusal(
            "Secret "
                + String.join(", ", missing)
                + " does not exist in namespace "
                + namespace
                + " (the SSH key of "
                + where
                + " or its Rig): create it with key ssh-privatekey");
      }
      List<RefineryQueue.Entry> queue =
          RefineryQueue.of(refinery, rig, cluster.polecats(namespace), cluster.convoys(namespace));
      return RefineryPodExpander.expand(pod, refinery, rig, queue, platform);
    } catch (ExpansionException e) {
      throw new AdmissionRefusal(e.getMessage());
    }
  }

  private static String refineryLabel(Pod pod) {
    Map<String, String> labels = pod.getMetadata() != null ? pod.getMetadata().getLabels() : null;
    return labels != null ? labels.get(GasTown.LABEL_REFINERY) : null;
  }

  private static void requireName(String value, String rule, String what, String fix) {
    if (rule != null) {
      throw new AdmissionRefusal(
          what + " " + rule + " (got \"" + KubernetesSyntax.shown(value) + "\"): " + fix);
    }
  }
}
