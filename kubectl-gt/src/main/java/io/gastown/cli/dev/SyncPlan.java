package io.gastown.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gastown.render.SyncWave;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one sync of a rig's Application does, in Argo CD's order (gitops-engine's sync_tasks.go and
 * sync_context.go): apply every manifest of the build with the Application's tracking annotation, and prune every
 * object the cluster holds with that annotation which the build no longer has. Pure: the cluster's part comes in
 * as {@link LiveObject}s and {@link Scope}.
 *
 * <p>Order: by sync wave, then Argo CD's kind order, then name. Prune tasks keep their wave, but the waves of prune
 * tasks are mirrored (the first prune wave is pruned last), and an object with the sync option {@code Prune=false}
 * is never pruned.
 */
public record SyncPlan(String application, List<SyncTask> tasks) {
  public static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";

  /** Whether a kind is namespaced, from the apiserver's discovery; null when the apiserver does not know it. */
  public interface Scope {
    Boolean namespaced(String apiVersion, String kind);
  }

  /** An object in the cluster that carries a tracking annotation (or might). */
  public record LiveObject(ResourceKey key, String apiVersion, String trackingAnnotation, boolean hasOwners,
      int wave, String syncOptions) {
  }

  public enum Action { APPLY, PRUNE }

  /** One step: apply {@code manifest}, or prune the object {@code key}. */
  public record SyncTask(Action action, ResourceKey key, String apiVersion, int wave, ObjectNode manifest) {
    @Override
    public String toString() {
      return action.name().toLowerCase(java.util.Locale.ROOT) + " " + key;
    }
  }

  /**
   * @param where the rig directory, for error messages
   * @throws IllegalArgumentException when a manifest lacks apiVersion, kind or name, names a kind the cluster does
   *     not know, or is there twice
   */
  public static SyncPlan of(String application, String destinationNamespace, String where, List<JsonNode> desired,
      Scope scope, List<LiveObject> live) {
    List<SyncTask> tasks = new ArrayList<>();
    Set<ResourceKey> wanted = new LinkedHashSet<>();
    for (JsonNode document : desired) {
      ObjectNode manifest = document.deepCopy();
      String apiVersion = required(manifest, "apiVersion", where);
      String kind = required(manifest, "kind", where);
      ObjectNode metadata = manifest.withObjectProperty("metadata");
      if (metadata.path("name").asText("").isEmpty()) {
        throw new IllegalArgumentException(where + ": a " + kind + " has no metadata.name: name it");
      }
      Boolean namespaced = scope.namespaced(apiVersion, kind);
      if (namespaced == null) {
        throw new IllegalArgumentException(where + ": the cluster does not know " + kind + " (" + apiVersion
            + "); install its CustomResourceDefinition first (kustomize/base/crds for the Gas Town kinds)");
      }
      if (namespaced && metadata.path("namespace").asText("").isEmpty()) {
        metadata.put("namespace", destinationNamespace);
      } else if (!namespaced) {
        metadata.remove("namespace");
      }
      ResourceKey key = ResourceKey.of(manifest);
      if (!wanted.add(key)) {
        throw new IllegalArgumentException(where + ": " + key + " is defined twice: keep one of them");
      }
      metadata.withObjectProperty("annotations").put(TrackingId.ANNOTATION,
          TrackingId.of(application, key, destinationNamespace).value());
      tasks.add(new SyncTask(Action.APPLY, key, apiVersion, SyncWave.of(manifest), manifest));
    }
    List<SyncTask> prunes = new ArrayList<>();
    for (LiveObject object : live) {
      if (!wanted.contains(object.key()) && tracked(application, object) && !pruneDisabled(object)) {
        prunes.add(new SyncTask(Action.PRUNE, object.key(), object.apiVersion(), object.wave(), null));
      }
    }
    tasks.addAll(mirrorWaves(prunes));
    tasks.sort(ORDER);
    return new SyncPlan(application, List.copyOf(namespacesFirst(tasks)));
  }

  /** The tasks grouped by wave, in order: Argo CD finishes one wave before it starts the next. */
  public List<List<SyncTask>> waves() {
    List<List<SyncTask>> waves = new ArrayList<>();
    for (SyncTask task : tasks) {
      if (waves.isEmpty() || waves.get(waves.size() - 1).get(0).wave() != task.wave()) {
        waves.add(new ArrayList<>());
      }
      waves.get(waves.size() - 1).add(task);
    }
    return waves;
  }

  public List<SyncTask> applies() {
    return tasks.stream().filter(t -> t.action() == Action.APPLY).toList();
  }

  public List<SyncTask> prunes() {
    return tasks.stream().filter(t -> t.action() == Action.PRUNE).toList();
  }

  /**
   * Whether the object belongs to the Application: its tracking id names the Application and the object itself,
   * and nothing owns it (an owned object, such as a Job's Pod, goes with its owner).
   */
  static boolean tracked(String application, LiveObject object) {
    return !object.hasOwners() && TrackingId.parse(object.trackingAnnotation())
        .filter(id -> id.application().equals(application) && id.names(object.key()))
        .isPresent();
  }

  private static boolean pruneDisabled(LiveObject object) {
    return object.syncOptions() != null && List.of(object.syncOptions().split(",")).stream()
        .map(String::strip).anyMatch(option -> option.equals("Prune=false") || option.equals("Prune=confirm"));
  }

  /** Argo CD prunes in reverse creation order: the waves of the prune tasks are swapped end for end. */
  private static List<SyncTask> mirrorWaves(List<SyncTask> prunes) {
    List<Integer> waves = new ArrayList<>(new TreeSet<>(prunes.stream().map(SyncTask::wave).toList()));
    Map<Integer, Integer> mirrored = new HashMap<>();
    for (int i = 0; i < waves.size(); i++) {
      mirrored.put(waves.get(i), waves.get(waves.size() - 1 - i));
    }
    return prunes.stream()
        .map(t -> new SyncTask(t.action(), t.key(), t.apiVersion(), mirrored.get(t.wave()), null))
        .toList();
  }

  /**
   * A Namespace that sorts after an object in it moves just before that object, into its wave (Argo CD's
   * adjustDeps), so the namespace always exists first.
   */
  private static List<SyncTask> namespacesFirst(List<SyncTask> sorted) {
    List<SyncTask> tasks = new ArrayList<>(sorted);
    Map<String, Integer> firstUse = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      SyncTask task = tasks.get(i);
      if (task.action() != Action.APPLY) {
        continue;
      }
      if (task.key().group().isEmpty() && task.key().kind().equals("Namespace")) {
        Integer index = firstUse.get(task.key().name());
        if (index != null) {
          SyncTask user = tasks.get(index);
          tasks.remove(i);
          tasks.add(index, new SyncTask(task.action(), task.key(), task.apiVersion(), user.wave(), task.manifest()));
          firstUse.replaceAll((namespace, first) -> first >= index ? first + 1 : first);
        }
      } else if (!task.key().namespace().isEmpty()) {
        firstUse.putIfAbsent(task.key().namespace(), i);
      }
    }
    return tasks;
  }

  private static final Comparator<SyncTask> ORDER = Comparator.comparingInt(SyncTask::wave)
      .thenComparingInt(t -> KindOrder.of(t.key().kind()))
      .thenComparing(t -> t.key().name())
      .thenComparing(t -> t.key().namespace());

  private static String required(ObjectNode manifest, String field, String where) {
    String value = manifest.path(field).asText("");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(where + ": a manifest has no " + field + " (" + ResourceKey.of(manifest)
          + "): every document needs apiVersion, kind and metadata.name");
    }
    return value;
  }
}
