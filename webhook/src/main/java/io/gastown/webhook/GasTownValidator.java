package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.gastown.validation.GasTownValidation;
import io.gastown.validation.Violation;
import io.javaoperatorsdk.webhook.admission.NotAllowedException;
import io.javaoperatorsdk.webhook.admission.Operation;
import io.javaoperatorsdk.webhook.admission.validation.Validator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validation of one Gas Town kind: the CRD schema (every violation, with path, value and rule), the rules the schema
 * cannot express, and immutable fields on UPDATE. A refusal carries all errors in one message.
 */
final class GasTownValidator implements Validator<KubernetesResource> {
  /** HTTP status of a refusal: the object is invalid, as the apiserver's own "Invalid" errors. */
  static final int INVALID = 422;

  private final String kind;

  GasTownValidator(String kind) {
    this.kind = kind;
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
    List<Violation> violations = violations(resource, operation == Operation.UPDATE ? oldResource : null);
    if (!violations.isEmpty()) {
      String name = object.getMetadata() == null ? "" : (object.getMetadata().getNamespace() == null ? ""
          : object.getMetadata().getNamespace() + "/") + object.getMetadata().getName();
      throw new NotAllowedException(kind + " " + name + " is invalid: "
          + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), INVALID);
    }
  }

  static List<Violation> violations(KubernetesResource resource, KubernetesResource oldResource) {
    return GasTownValidation.violations(resource, oldResource);
  }
}
