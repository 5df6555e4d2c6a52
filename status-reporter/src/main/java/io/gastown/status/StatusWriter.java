package io.gastown.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gastown.model.Serialization;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the {@code /status} subresource, and nothing else, with a JSON merge patch under the field
 * manager {@value ReporterConfig#FIELD_MANAGER}. The patch carries the resourceVersion the status
 * was computed from, so a status computed from a stale cache fails with 409 Conflict instead of
 * overwriting a newer one; the caller then reads the object again and recomputes.
 *
 * <p>It also remembers what it wrote until the informer cache catches up, so that the next
 * computation starts from the reporter's own last write and not from the older cached copy (which
 * would cause needless conflicts).
 */
final class StatusWriter {
  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private static final PatchContext MERGE =
      new PatchContext.Builder()
          .withPatchType(PatchType.JSON_MERGE)
          .withFieldManager(ReporterConfig.FIELD_MANAGER)
          .build();

  private final KubernetesClient client;
  private final Map<String, Written> recent = new ConcurrentHashMap<>();

  private record Written(String basedOnVersion, CustomResource<?, ?> result) {}

  StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The newest copy known of an object: the cached one, or the reporter's own write when the cache
   * still shows the version that write replaced.
   */
  @SuppressWarnings("unchecked")
  <T extends CustomResource<?, ?>> T freshest(T cached) {
    if (cached == null) {
      return null;
    }
    String key = key(cached);
    Written written = recent.get(key);
    if (written == null) {
      return cached;
    }
    if (written.basedOnVersion().equals(cached.getMetadata().getResourceVersion())
        && written.result().getClass() == cached.getClass()) {
      return (T) written.result();
    }
    recent.remove(key, written);
    return cached;
  }

  /**
   * Patches the status; throws {@link io.fabric8.kubernetes.client.KubernetesClientException} (409
   * when the object changed since {@code stored} was read, 404 when it is gone).
   */
  @SuppressWarnings("unchecked")
  <T extends CustomResource<?, ?>> T write(T stored, Object status) {
    String patch = mergePatch(stored, status);
    // Patched through the object itself: by name alone, the client would GET it first.
    T result = client.resource(stored).subresource("status").patch(MERGE, patch);
    if (result != null) {
      recent.put(key(stored), new Written(stored.getMetadata().getResourceVersion(), result));
    }
    return result;
  }

  /** Deletes a Pod (gone already is fine). */
  void deletePod(Pod pod) {
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .delete();
  }

  /** The object as the API server has it now, or null when it is gone. */
  <T extends CustomResource<?, ?>> T fetch(T stale) {
    recent.remove(key(stale));
    return resource(stale).get();
  }

  void forget(CustomResource<?, ?> object) {
    recent.remove(key(object));
  }

  /**
   * {@code {"metadata":{"resourceVersion":...},"status":{...}}} with an explicit null for every
   * field the stored status has and the new one does not, so that stale fields (a podName of a Pod
   * that is gone) disappear.
   */
  static String mergePatch(CustomResource<?, ?> stored, Object status) {
    ObjectNode patch = JSON.createObjectNode();
    patch.putObject("metadata").put("resourceVersion", stored.getMetadata().getResourceVersion());
    JsonNode desired = JSON.valueToTree(status);
    JsonNode before = stored.getStatus() == null ? null : JSON.valueToTree(stored.getStatus());
    patch.set("status", withRemovals(before, desired));
    try {
      return JSON.writeValueAsString(patch);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the status of " + key(stored), e);
    }
  }

  private static JsonNode withRemovals(JsonNode before, JsonNode desired) {
    if (before == null || !before.isObject() || !desired.isObject()) {
      return desired;
    }
    ObjectNode merged = ((ObjectNode) desired).deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = before.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode now = merged.get(field.getKey());
      if (now == null) {
        merged.putNull(field.getKey());
      } else if (now.isObject() && field.getValue().isObject()) {
        merged.set(field.getKey(), withRemovals(field.getValue(), now));
      }
    }
    return merged;
  }

  @SuppressWarnings("unchecked")
  private <T extends CustomResource<?, ?>> Resource<T> resource(T object) {
    Class<T> type = (Class<T>) object.getClass();
    String namespace = object.getMetadata().getNamespace();
    return namespace == null
        ? client.resources(type).withName(object.getMetadata().getName())
        : client.resources(type).inNamespace(namespace).withName(object.getMetadata().getName());
  }

  private static String key(CustomResource<?, ?> object) {
    return object.getKind()
        + "/"
        + object.getMetadata().getNamespace()
        + "/"
        + object.getMetadata().getName();
  }
}
