package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.validation.GasTownValidation;
import io.gastown.validation.KubernetesSyntax;
import io.gastown.validation.PolicyRules;
import io.gastown.validation.Violation;
import io.javaoperatorsdk.webhook.admission.NotAllowedException;
import io.javaoperatorsdk.webhook.admission.Operation;
import io.javaoperatorsdk.webhook.admission.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validation of one Gas Town kind: the CRD schema (every violation, with path, value and rule), the rules the schema
 * cannot express, immutable fields on UPDATE, and for a Polecat that would run the platform's and its Rig's policy. A refusal carries all errors in one message.
 */
final class GasTownValidator implements Validator<KubernetesResource> {
  /** HTTP status of a refusal: the object is invalid, as the apiserver's own "Invalid" errors. */
  static final int INVALID = 422;

  private final String kind;
  private final ClusterView cluster;
  private final PlatformConfig platform;

  GasTownValidator(String kind, ClusterView cluster, PlatformConfig platform) {
    this.kind = kind;
    this.cluster = cluster;
    this.platform = platform;
  }

  @Override
  public void validate(KubernetesResource resource, KubernetesResource oldResource, Operation operation) {
    if (operation != Operation.CREATE && operation != Operation.UPDATE) {
      return;
    }
    if (!(resource instanceof HasMetadata object) || !kind.equals(object.getKind())) {
      throw new BadRequest(400, "this endpoint validates " + kind + " objects, the request holds "
          + (resource instanceof HasMetadata other ? other.getKind() : "no Kubernetes object"));
    }
    List<Violation> violations = new ArrayList<>(violations(resource, operation == Operation.UPDATE ? oldResource
        : null));
    if (violations.isEmpty() && resource instanceof Polecat polecat && mayRun(polecat)) {
      violations.addAll(PolicyRules.check(polecat, rigOf(polecat), platform));
    }
    if (!violations.isEmpty()) {
      String name = object.getMetadata() == null ? "" : (object.getMetadata().getNamespace() == null ? ""
          : object.getMetadata().getNamespace() + "/") + object.getMetadata().getName();
      throw new NotAllowedException(kind + " " + name + " is invalid: "
          + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), INVALID);
    }
  }

  /**
   * Policy holds for a Polecat that would run: an Idle or Terminated one is let through, so that retiring a polecat
   * is never blocked by a policy that changed after it was written.
   */
  private static boolean mayRun(Polecat polecat) {
    return polecat.getSpec() == null || polecat.getSpec().getDesiredState() == null
        || polecat.getSpec().getDesiredState() == DesiredState.Working;
  }

  /** The Polecat's Rig; the schema check before this made sure spec.rig is a name. */
  private Rig rigOf(Polecat polecat) {
    String rig = polecat.getSpec() != null ? polecat.getSpec().getRig() : null;
    return rig != null && KubernetesSyntax.dns1123Label(rig) == null ? cluster.rig(rig).orElse(null) : null;
  }

  static List<Violation> violations(KubernetesResource resource, KubernetesResource oldResource) {
    return GasTownValidation.violations(resource, oldResource);
  }
}
