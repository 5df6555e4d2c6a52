package io.gastown.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import io.gastown.model.Serialization;
import java.util.Base64;
import java.util.UUID;

/** AdmissionReview requests as the apiserver sends them, and reading the answers. */
public final class Reviews {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Reviews() {}

  public static String create(HasMetadata object, String namespace, String group, String resource) {
    return review("CREATE", object, null, namespace, group, resource);
  }

  public static String createPod(HasMetadata pod) {
    return create(pod, pod.getMetadata().getNamespace(), "", "pods");
  }

  static String update(
      HasMetadata object, HasMetadata old, String namespace, String group, String resource) {
    return review("UPDATE", object, old, namespace, group, resource);
  }

  private static String review(
      String operation,
      HasMetadata object,
      HasMetadata old,
      String namespace,
      String group,
      String resource) {
    ObjectNode review = Serialization.jsonMapper().createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    String version = group.isEmpty() ? "v1" : "v1alpha1";
    request
        .putObject("kind")
        .put("group", group)
        .put("version", version)
        .put("kind", object.getKind());
    request
        .putObject("resource")
        .put("group", group)
        .put("version", version)
        .put("resource", resource);
    if (namespace != null) {
      request.put("namespace", namespace);
    }
    request.put("operation", operation);
    request
        .putObject("userInfo")
        .put("username", "system:serviceaccount:kube-system:job-controller");
    request.set("object", tree(object));
    if (old != null) {
      request.set("oldObject", tree(old));
    }
    request.put("dryRun", false);
    return Serialization.toJson(review);
  }

  static JsonNode tree(Object object) {
    return json(SERIALIZATION.asJson(object));
  }

  static JsonNode json(String text) {
    try {
      return Serialization.jsonMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static AdmissionResponse response(String body) {
    return SERIALIZATION.unmarshal(body, AdmissionReview.class).getResponse();
  }

  /** The object after the answer's JSON Patch (the object itself when the answer has no patch). */
  static JsonNode patched(HasMetadata object, AdmissionResponse response) {
    JsonNode original = tree(object);
    if (response.getPatch() == null) {
      return original;
    }
    JsonNode patch =
        json(
            new String(
                Base64.getDecoder().decode(response.getPatch()),
                java.nio.charset.StandardCharsets.UTF_8));
    return JsonPatch.apply(patch, original);
  }
}
