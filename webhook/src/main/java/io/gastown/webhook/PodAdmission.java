package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.gastown.expand.PlatformConfig;
import io.gastown.expand.PodExpander;
import io.gastown.model.GasTown;
import io.gastown.validation.AdmissionRefusal;
import io.gastown.validation.PodAdmissionRules;
import io.gastown.validation.RefineryAdmissionRules;
import io.javaoperatorsdk.webhook.admission.AdmissionRequestHandler;
import io.javaoperatorsdk.webhook.admission.AdmissionUtils;
import io.javaoperatorsdk.webhook.admission.NotAllowedException;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod CREATE of a merge run (label {@code gastown.io/refinery}): expanded by {@link
 * RefineryAdmissionRules}. Of a polecat: finds the Polecat named by the Pod's label, checks that it
 * may run, and answers with the JSON Patch that expands the Pod (the webhooks framework diffs the
 * two Pods). Refusals name what is missing; the Job controller creates the Pod again later. The
 * rules and the expansion are {@link PodAdmissionRules} (generator), which the offline preview runs
 * too; the budgets ({@link PolecatSlots}) need the running Pods, so they stay here, checked last.
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
    this(cluster, platform, timing -> {});
  }

  /**
   * @param timings gets the phases of every Pod that was looked at (expanded or refused)
   */
  PodAdmission(ClusterView cluster, PlatformConfig platform, Consumer<ServerTiming> timings) {
    this.cluster = cluster;
    this.platform = platform;
    this.slots = new PolecatSlots(cluster);
    this.timings = timings;
  }

  @Override
  public AdmissionResponse handle(AdmissionRequest request) {
    if (!(request.getObject() instanceof Pod pod)) {
      throw new BadRequest(
          400,
          "this endpoint expands Pods, the request holds "
              + (request.getObject() == null
                  ? "no object"
                  : request.getObject().getClass().getSimpleName()));
    }
    if (!"CREATE".equals(request.getOperation()) || PodExpander.isExpanded(pod)) {
      return AdmissionUtils.allowedAdmissionResponse();
    }
    Map<String, String> labels =
        pod.getMetadata() != null && pod.getMetadata().getLabels() != null
            ? pod.getMetadata().getLabels()
            : Map.of();
    String polecatName = labels.get(GasTown.LABEL_POLECAT);
    String namespace =
        request.getNamespace() != null && !request.getNamespace().isEmpty()
            ? request.getNamespace()
            : pod.getMetadata().getNamespace();
    if (labels.containsKey(GasTown.LABEL_REFINERY)) {
      return polecatName == null
          ? refineryRun(pod, namespace)
          : AdmissionUtils.notAllowedExceptionToAdmissionResponse(
              denied(
                  "the Pod has both labels "
                      + GasTown.LABEL_POLECAT
                      + " and "
                      + GasTown.LABEL_REFINERY
                      + ": a Pod is a polecat's or a merge run's; remove one of them"));
    }
    if (polecatName == null) {
      return AdmissionUtils.allowedAdmissionResponse();
    }
    ServerTiming timing = ServerTiming.start();
    try {
      Pod expanded = PodAdmissionRules.admit(pod, namespace, cluster, platform, timing::mark);
      // Last, so that only a Pod that is admitted takes a slot.
      slots
          .claim(expanded)
          .ifPresent(
              noSlot -> {
                throw new AdmissionRefusal(noSlot);
              });
      timing.mark("slots");
      AdmissionResponse response = WebhookJson.patchResponse(pod, expanded);
      timing.mark("diff");
      log.debug(
          "expanded Pod {}/{}* for Polecat {}: {}",
          namespace,
          pod.getMetadata().getGenerateName(),
          polecatName,
          timing);
      return response;
    } catch (AdmissionRefusal e) {
      log.info(
          "denied Pod {}/{}* for Polecat {}: {}",
          namespace,
          pod.getMetadata().getGenerateName(),
          polecatName,
          e.getMessage());
      timing.mark("refusal");
      return AdmissionUtils.notAllowedExceptionToAdmissionResponse(denied(e.getMessage()));
    } finally {
      timings.accept(timing);
    }
  }

  /** A Refinery's merge run: expanded with the queue as the rig's polecats make it now. */
  private AdmissionResponse refineryRun(Pod pod, String namespace) {
    try {
      Pod expanded = RefineryAdmissionRules.admit(pod, namespace, cluster, platform);
      log.debug(
          "expanded merge run Pod {}/{}*: queue {}",
          namespace,
          pod.getMetadata().getGenerateName(),
          expanded.getMetadata().getAnnotations().get(GasTown.ANNOTATION_MERGE_QUEUE));
      return WebhookJson.patchResponse(pod, expanded);
    } catch (AdmissionRefusal e) {
      log.info(
          "denied merge run Pod {}/{}*: {}",
          namespace,
          pod.getMetadata().getGenerateName(),
          e.getMessage());
      return AdmissionUtils.notAllowedExceptionToAdmissionResponse(denied(e.getMessage()));
    }
  }

  private static NotAllowedException denied(String message) {
    return new NotAllowedException(message, DENIED);
  }
}
