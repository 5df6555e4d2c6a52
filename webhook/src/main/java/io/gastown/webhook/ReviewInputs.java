package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.gastown.validation.KubernetesSyntax;
import io.gastown.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of what a review names, checked before anything is looked up: the request's namespace
 * and name (a wrong one is a bad request: the apiserver never sends it) and the object's metadata
 * (a wrong one is refused with every field named: mutating admission runs before the apiserver
 * validates the object).
 */
final class ReviewInputs {
  private ReviewInputs() {}

  /** Refuses, as a bad request, a request namespace or name the apiserver could not have sent. */
  static void requireValidRequest(AdmissionRequest request) {
    String namespace = request.getNamespace();
    if (namespace != null && !namespace.isEmpty()) {
      String rule = KubernetesSyntax.dns1123Label(namespace);
      if (rule != null) {
        throw new BadRequest(
            400,
            "request.namespace " + rule + " (got \"" + KubernetesSyntax.shown(namespace) + "\")");
      }
    }
    String name = request.getName();
    if (name != null && !name.isEmpty()) {
      String rule = KubernetesSyntax.dns1123Subdomain(name);
      if (rule != null) {
        throw new BadRequest(
            400, "request.name " + rule + " (got \"" + KubernetesSyntax.shown(name) + "\")");
      }
    }
  }

  /**
   * Every syntax error in the metadata of the request's objects (new and old), with its field path.
   */
  static List<Violation> objectViolations(AdmissionRequest request) {
    List<Violation> out = new ArrayList<>();
    if (request.getObject() instanceof HasMetadata object) {
      out.addAll(KubernetesSyntax.metadata(object.getMetadata()));
    }
    if (request.getOldObject() instanceof HasMetadata old) {
      KubernetesSyntax.metadata(old.getMetadata())
          .forEach(v -> out.add(new Violation("oldObject." + v.path(), v.value(), v.rule())));
    }
    return out;
  }
}
