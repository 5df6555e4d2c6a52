package io.gastown.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.javaoperatorsdk.webhook.admission.AdmissionUtils;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The JSON Patch from a skeleton Pod to its expansion. The expansion replaces whole fields (see
 * {@link io.gastown.expand.PodExpander}), so the patch sets exactly those fields; this costs a fraction of a general
 * JSON diff of the two Pods (the framework's {@code admissionResponseFromMutation}), which was the largest part of
 * an admission's CPU time. MutatePodsGoldenTest applies the patch to every golden input and compares the result
 * with the expanded Pod, so a field the expander starts to change and this list misses fails there.
 */
final class PodPatch {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> METADATA_FIELDS = List.of("labels", "annotations");
  private static final List<String> SPEC_FIELDS = List.of("initContainers", "containers", "volumes",
      "securityContext", "restartPolicy", "activeDeadlineSeconds", "automountServiceAccountToken");

  private PodPatch() {
  }

  static AdmissionResponse between(Pod original, Pod expanded) {
    ArrayNode patch = JSON.createArrayNode();
    if (original.getMetadata() == null) {
      add(patch, "/metadata", JSON.createObjectNode());
    }
    JsonNode originalMetadata = JSON.valueToTree(original.getMetadata());
    JsonNode expandedMetadata = JSON.valueToTree(expanded.getMetadata());
    for (String field : METADATA_FIELDS) {
      set(patch, "/metadata/" + field, originalMetadata.path(field), expandedMetadata.path(field));
    }
    JsonNode originalSpec = original.getSpec() == null ? JSON.createObjectNode() : JSON.valueToTree(original.getSpec());
    if (original.getSpec() == null) {
      add(patch, "/spec", JSON.createObjectNode());
    }
    JsonNode expandedSpec = JSON.valueToTree(expanded.getSpec());
    for (String field : SPEC_FIELDS) {
      set(patch, "/spec/" + field, originalSpec.path(field), expandedSpec.path(field));
    }
    return new AdmissionResponseBuilder()
        .withAllowed(true)
        .withPatchType(AdmissionUtils.JSON_PATCH)
        .withPatch(Base64.getEncoder().encodeToString(bytes(patch)))
        .build();
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "add" replaces an existing member (RFC 6902), so it serves both for new and for changed fields. */
  private static void set(ArrayNode patch, String path, JsonNode before, JsonNode after) {
    if (Objects.equals(before, after)) {
      return;
    }
    if (after.isMissingNode() || after.isNull()) {
      patch.addObject().put("op", "remove").put("path", path);
      return;
    }
    add(patch, path, after);
  }

  private static void add(ArrayNode patch, String path, JsonNode value) {
    ObjectNode operation = patch.addObject();
    operation.put("op", "add");
    operation.put("path", path);
    operation.set("value", value);
  }
}
