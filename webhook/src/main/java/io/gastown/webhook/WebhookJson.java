package io.gastown.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonDiff;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The webhook's one JSON mapper: fabric8's model configuration, with Blackbird's generated
 * accessors in place of reflection, which took about a fifth of the webhook's CPU per review
 * (AdmissionBenchmark, docs/benchmarks.md).
 */
final class WebhookJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().registerModule(new BlackbirdModule());

  /** Reads reviews and writes answers; configures {@link #MAPPER} for the Kubernetes model. */
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(MAPPER, true);

  private WebhookJson() {}

  /**
   * Allows the object with the JSON Patch that turns {@code original} into {@code mutated}: the
   * webhooks framework's {@code AdmissionUtils.admissionResponseFromMutation}, on this mapper.
   */
  static AdmissionResponse patchResponse(Object original, Object mutated) {
    AdmissionResponse response = new AdmissionResponse();
    response.setAllowed(true);
    response.setPatchType("JSONPatch");
    try {
      response.setPatch(
          Base64.getEncoder()
              .encodeToString(
                  MAPPER.writeValueAsBytes(
                      JsonDiff.asJson(MAPPER.valueToTree(original), MAPPER.valueToTree(mutated)))));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return response;
  }
}
