package io.gastown.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.gastown.model.PodContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer store that keeps only what the status functions read. It drops {@code managedFields}
 * and annotations of every object (Argo CD's last-applied annotation repeats the whole object), a
 * Job's pod template, and of a Pod everything in its spec but the containers' names, images and the
 * work-branch variable: an expanded polecat Pod carries volumes, security settings and a long
 * environment the reporter never looks at.
 */
final class LeanItemStore<T extends HasMetadata> implements ItemStore<T> {
  /** Environment variables the status functions read (the work branch). */
  private static final Set<String> KEPT_ENV =
      Set.of(PodContract.Env.WORK_BRANCH, PodContract.Env.TARGET_BRANCH);

  private final ConcurrentHashMap<String, T> items = new ConcurrentHashMap<>();
  private final Set<String> keptAnnotations;

  LeanItemStore() {
    this(Set.of());
  }

  /** Keeps these annotations (a merge run's queue). */
  LeanItemStore(Set<String> keptAnnotations) {
    this.keptAnnotations = keptAnnotations;
  }

  @Override
  public String getKey(T object) {
    return Cache.metaNamespaceKeyFunc(object);
  }

  @Override
  public T put(String key, T object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    slim(object);
    if (annotations != null && !keptAnnotations.isEmpty()) {
      Map<String, String> kept = new HashMap<>(annotations);
      kept.keySet().retainAll(keptAnnotations);
      object.getMetadata().setAnnotations(kept.isEmpty() ? null : kept);
    }
    return items.put(key, object);
  }

  static void slim(HasMetadata object) {
    object.getMetadata().setManagedFields(null);
    object.getMetadata().setAnnotations(null);
    if (object instanceof Job job && job.getSpec() != null) {
      job.getSpec().setTemplate(null);
      job.getSpec().setSelector(null);
    } else if (object instanceof Pod pod && pod.getSpec() != null) {
      PodSpec spec = pod.getSpec();
      PodSpec slim = new PodSpec();
      slim.setContainers(slim(spec.getContainers()));
      slim.setInitContainers(slim(spec.getInitContainers()));
      slim.setActiveDeadlineSeconds(spec.getActiveDeadlineSeconds());
      slim.setNodeName(spec.getNodeName());
      slim.setRestartPolicy(spec.getRestartPolicy());
      pod.setSpec(slim);
    }
  }

  private static List<Container> slim(List<Container> containers) {
    if (containers == null) {
      return null;
    }
    return containers.stream()
        .map(
            c -> {
              Container slim = new Container();
              slim.setName(c.getName());
              slim.setImage(c.getImage());
              if (c.getEnv() != null) {
                slim.setEnv(
                    c.getEnv().stream().filter(e -> KEPT_ENV.contains(e.getName())).toList());
              }
              return slim;
            })
        .toList();
  }

  @Override
  public T remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public T get(String key) {
    return items.get(key);
  }
}
