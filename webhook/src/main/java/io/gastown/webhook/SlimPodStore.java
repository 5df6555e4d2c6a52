package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The polecat Pod cache, holding of each Pod only what counting slots reads: name, namespace, uid,
 * labels, creation and deletion times, and the phase. An expanded Pod's spec (scripts, environment,
 * volumes) never stays in memory, and finished Pods (kept until their Job is removed) cost a few
 * hundred bytes each.
 */
final class SlimPodStore implements ItemStore<Pod> {
  private final ConcurrentHashMap<String, Pod> items = new ConcurrentHashMap<>();

  @Override
  public String getKey(Pod pod) {
    return Cache.metaNamespaceKeyFunc(pod);
  }

  @Override
  public Pod put(String key, Pod pod) {
    return items.put(key, slim(pod));
  }

  static Pod slim(Pod pod) {
    ObjectMeta from = pod.getMetadata();
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(from.getName());
    metadata.setNamespace(from.getNamespace());
    metadata.setUid(from.getUid());
    metadata.setResourceVersion(from.getResourceVersion());
    metadata.setLabels(from.getLabels());
    metadata.setCreationTimestamp(from.getCreationTimestamp());
    metadata.setDeletionTimestamp(from.getDeletionTimestamp());
    Pod slim = new Pod();
    slim.setMetadata(metadata);
    if (pod.getStatus() != null) {
      PodStatus status = new PodStatus();
      status.setPhase(pod.getStatus().getPhase());
      slim.setStatus(status);
    }
    return slim;
  }

  @Override
  public Pod remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<Pod> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public Pod get(String key) {
    return items.get(key);
  }
}
