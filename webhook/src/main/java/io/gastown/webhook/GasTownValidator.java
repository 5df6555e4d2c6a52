package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.gastown.expand.PlatformConfig;
import io.gastown.validation.GasTownValidation;
import io.gastown.validation.Violation;
import io.javaoperatorsdk.webhook.admission.NotAllowedException;
import io.javaoperatorsdk.webhook.admission.Operation;
import io.javaoperatorsdk.webhook.admission.validation.Validator;
import java.util.List;

/**
 * Validation of one Gas Town kind: the CRD schema (every violation, with path, value and rule), the
 * rules the schema cannot express, immutable fields on UPDATE, and for a Polecat that would run the
 * platform's and its Rig's policy. A refusal carries all errors in one message. The rules and the
 * message are {@link GasTownValidation#admission} and {@link GasTownValidation#refusal}
 * (generator), which the offline preview runs too.
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
  public void validate(
      KubernetesResource resource, KubernetesResource oldResource, Operation operation) {
    if (operation != Operation.CREATE && operation != Operation.UPDATE) {
      return;
    }
    if (!(resource instanceof HasMetadata object) || !kind.equals(object.getKind())) {
      throw new BadRequest(
          400,
          "this endpoint validates "
              + kind
              + " objects, the request holds "
              + (resource instanceof HasMetadata other ? other.getKind() : "no Kubernetes object"));
    }
    List<Violation> violations =
        GasTownValidation.admission(
            resource, operation == Operation.UPDATE ? oldResource : null, cluster, platform);
    if (!violations.isEmpty()) {
      throw new NotAllowedException(GasTownValidation.refusal(kind, object, violations), INVALID);
    }
  }
}
