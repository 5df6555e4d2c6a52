package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.gastown.expand.ExpansionException;
import io.gastown.expand.PlatformConfig;
import io.gastown.expand.PodExpander;
import io.gastown.model.BeadStore;
import io.gastown.model.DesiredState;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.validation.KubernetesSyntax;
import io.gastown.validation.PolicyRules;
import io.gastown.validation.Violation;
import io.javaoperatorsdk.webhook.admission.AdmissionRequestHandler;
import io.javaoperatorsdk.webhook.admission.AdmissionUtils;
import io.javaoperatorsdk.webhook.admission.NotAllowedException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod CREATE: finds the Polecat named by the Pod's label, checks that it may run, and answers with the JSON Patch
 * that expands the Pod (the webhooks framework diffs the two Pods). Refusals name what is missing; the Job controller creates the Pod again later.
 */
final class PodAdmission implements AdmissionRequestHandler {
  /** HTTP status of a refusal: the request is understood but not allowed now. */
  static final int DENIED = 403;
  private static final Logger log = LoggerFactory.getLogger(PodAdmission.class);

  private final ClusterView cluster;
  private final PlatformConfig platform;
  private final PolecatSlots slots;
  private final Consumer<ServerTiming> timings;

  PodAdmission(ClusterView cluster, PlatformConfig platform) {
    this(cluster, platform, timing -> { });
  }

  /** @param timings gets the phases of every Pod that was looked at (expanded or refused) */
  PodAdmission(ClusterView cluster, PlatformConfig platform, Consumer<ServerTiming> timings) {
    this.cluster = cluster;
    this.platform = platform;
    this.slots = new PolecatSlots(cluster);
    this.timings = timings;
  }

  @Override
  public AdmissionResponse handle(AdmissionRequest request) {
    if (!(request.getObject() instanceof Pod pod)) {
      throw new BadRequest(400, "this endpoint expands Pods, the request holds "
          + (request.getObject() == null ? "no object" : request.getObject().getClass().getSimpleName()));
    }
    if (!"CREATE".equals(request.getOperation()) || PodExpander.isExpanded(pod)) {
      return AdmissionUtils.allowedAdmissionResponse();
    }
    Map<String, String> labels = pod.getMetadata() != null && pod.getMetadata().getLabels() != null
        ? pod.getMetadata().getLabels() : Map.of();
    String polecatName = labels.get(GasTown.LABEL_POLECAT);
    if (polecatName == null) {
      return AdmissionUtils.allowedAdmissionResponse();
    }
    String namespace = request.getNamespace() != null && !request.getNamespace().isEmpty() ? request.getNamespace()
        : pod.getMetadata().getNamespace();
    ServerTiming timing = ServerTiming.start();
    try {
      requireName(polecatName, KubernetesSyntax.dns1123Subdomain(polecatName),
          "the Pod's label " + GasTown.LABEL_POLECAT, "name an existing Polecat");
      requireName(namespace, KubernetesSyntax.dns1123Label(namespace), "the Pod's namespace",
          "create the Pod in a rig's namespace");
      Pod expanded = expand(pod, namespace, polecatName, labels.get(GasTown.LABEL_RIG), timing);
      // Last, so that only a Pod that is admitted takes a slot.
      slots.claim(expanded).ifPresent(refusal -> {
        throw denied(refusal);
      });
      timing.mark("slots");
      AdmissionResponse response = AdmissionUtils.admissionResponseFromMutation(pod, expanded);
      timing.mark("diff");
      log.debug("expanded Pod {}/{}* for Polecat {}: {}", namespace, pod.getMetadata().getGenerateName(),
          polecatName, timing);
      return response;
    } catch (NotAllowedException e) {
      log.info("denied Pod {}/{}* for Polecat {}: {}", namespace, pod.getMetadata().getGenerateName(), polecatName,
          e.getStatus().getMessage());
      timing.mark("refusal");
      return AdmissionUtils.notAllowedExceptionToAdmissionResponse(e);
    } finally {
      timings.accept(timing);
    }
  }

  private Pod expand(Pod pod, String namespace, String polecatName, String podRig, ServerTiming timing) {
    Polecat polecat = cluster.polecat(namespace, polecatName).orElseThrow(() -> denied("no Polecat " + polecatName
        + " in namespace " + namespace + " (named by the Pod's label " + GasTown.LABEL_POLECAT + "): create the "
        + "Polecat first; the Job controller creates the Pod again"));
    timing.mark("polecat");
    String where = "Polecat " + namespace + "/" + polecatName;
    String rigName = polecat.getSpec() != null ? polecat.getSpec().getRig() : null;
    if (podRig != null && !Objects.equals(podRig, rigName)) {
      throw denied("the Pod's label " + GasTown.LABEL_RIG + "=" + podRig + " does not match spec.rig=" + rigName
          + " of " + where + ": fix the Job's label or the Polecat");
    }
    DesiredState desired = polecat.getSpec() != null ? polecat.getSpec().getDesiredState() : null;
    if (desired != null && desired != DesiredState.Working) {
      throw denied(where + " has desiredState " + desired + ": set it to Working to run it");
    }
    if (rigName != null) {
      requireName(rigName, KubernetesSyntax.dns1123Label(rigName), "spec.rig of " + where, "name an existing Rig");
    }
    Rig rig = rigName != null ? cluster.rig(rigName).orElse(null) : null;
    BeadStore beadStore = rigName != null ? cluster.beadStoreOf(rigName, namespace).orElse(null) : null;
    timing.mark("rig");
    List<Violation> policy = PolicyRules.check(polecat, rig, platform);
    if (!policy.isEmpty()) {
      throw denied(where + " is refused by policy: " + policy.stream().map(Violation::toString)
          .collect(java.util.stream.Collectors.joining("; ")) + "; the Pod is not expanded");
    }
    timing.mark("policy");
    try {
      List<String> secrets = PodExpander.referencedSecrets(polecat, rig, beadStore, platform);
      for (String secret : secrets) {
        requireName(secret, KubernetesSyntax.dns1123Subdomain(secret), "a Secret named by " + where
            + " or its Rig", "name a Secret");
      }
      List<String> missing = cluster.missingSecrets(namespace, secrets);
      if (!missing.isEmpty()) {
        throw denied((missing.size() == 1 ? "Secret " + missing.get(0) + " does" : "Secrets "
            + String.join(", ", missing) + " do") + " not exist in namespace " + namespace + " (referenced by "
            + where + " or its Rig): create " + (missing.size() == 1 ? "it" : "them")
            + ", e.g. with kubectl gt auth sync");
      }
      timing.mark("secrets");
      Pod expanded = PodExpander.expand(pod, polecat, rig, beadStore, platform);
      timing.mark("expand");
      return expanded;
    } catch (ExpansionException e) {
      throw denied(e.getMessage());
    }
  }

  /** Refuses a value that cannot be a name before it is used to look anything up. */
  private static void requireName(String value, String rule, String what, String fix) {
    if (rule != null) {
      throw denied(what + " " + rule + " (got \"" + KubernetesSyntax.shown(value) + "\"): " + fix);
    }
  }

  private static NotAllowedException denied(String message) {
    return new NotAllowedException(message, DENIED);
  }
}
