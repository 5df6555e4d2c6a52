package io.gastown.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import io.gastown.cli.cluster.RigNamespaces;
import io.gastown.cli.dev.SyncPlan.Action;
import io.gastown.cli.dev.SyncPlan.LiveObject;
import io.gastown.cli.dev.SyncPlan.SyncTask;
import io.gastown.model.GasTown;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.SyncWave;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Syncs one rig the way Argo CD syncs the rig's Application (argocd/base/rigs-applicationset.yaml: Application
 * {@code rig-<rig>}, destination namespace {@code gt-<rig>}, ServerSideApply, automated prune): server-side apply as
 * field manager {@value #FIELD_MANAGER} with force, the Application's tracking annotation on every object, one sync
 * wave at a time (within a wave, Argo CD's grouping and concurrency: {@link #groups}), and prune of the tracked
 * objects the build no longer has, with foreground deletion (Argo CD's default PrunePropagationPolicy) so a
 * pruned Job takes its Pods with it.
 *
 * <p>Where it differs from Argo CD: a wave counts as done once its objects exist (Namespaces Active) and its pruned
 * objects are gone, instead of once they are Healthy by the health checks; there is no 2 s pause between waves; and
 * prune looks at the kinds a rig directory holds ({@link #PRUNABLE}) plus the kinds of the build, not at every kind
 * of the cluster.
 */
public final class RigSync {
  public static final String FIELD_MANAGER = "argocd-controller";
  static final List<String[]> PRUNABLE = List.of(
      new String[] {"v1", "Namespace"}, new String[] {"v1", "ConfigMap"}, new String[] {"batch/v1", "Job"},
      new String[] {GasTown.API_VERSION, "Rig"}, new String[] {GasTown.API_VERSION, "Witness"},
      new String[] {GasTown.API_VERSION, "Polecat"}, new String[] {GasTown.API_VERSION, "Convoy"},
      new String[] {GasTown.API_VERSION, "Refinery"}, new String[] {GasTown.API_VERSION, "BeadStore"});
  private static final Duration POLL = Duration.ofMillis(50);
  /** Argo CD's application controller runs at most 20 kubectl operations at once (--kubectl-parallelism-limit). */
  static final int PARALLELISM = 20;

  /** What a sync did: the objects applied and pruned, in the order it did it. */
  public record Result(String rig, String commit, List<ResourceKey> applied, List<ResourceKey> pruned,
      List<Integer> waves) {
  }

  private final KubernetesClient client;
  private final Duration timeout;
  private final Map<String, Optional<List<APIResource>>> discovery = new ConcurrentHashMap<>();

  /** @param timeout how long one wave may take to exist (and its pruned objects to be gone) */
  public RigSync(KubernetesClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  public static String application(String rig) {
    return "rig-" + rig;
  }

  public Result sync(String rig, String commit, List<JsonNode> desired) {
    String where = GitOpsLayout.rigDirectory(rig) + " at " + commit.substring(0, Math.min(7, commit.length()));
    List<Integer> waves = new ArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(PARALLELISM);
    try {
      SyncPlan plan;
      try {
        plan = SyncPlan.of(application(rig), RigNamespaces.defaultFor(rig), where, desired, this::namespaced,
            live(desired, workers));
      } catch (IllegalArgumentException e) {
        throw GtException.repo(e.getMessage());
      }
      for (List<SyncTask> wave : plan.waves()) {
        waves.add(wave.get(0).wave());
        List<String> failures = new ArrayList<>();
        for (List<SyncTask> group : groups(wave)) {
          failures.addAll(run(group, workers));
        }
        if (!failures.isEmpty()) {
          throw new GtException(ExitCode.CLUSTER_ERROR, "sync of " + where + " failed in wave "
              + wave.get(0).wave() + ": " + String.join("; ", failures));
        }
        awaitWave(wave, where);
      }
      return new Result(rig, commit, plan.applies().stream().map(SyncTask::key).toList(),
          plan.prunes().stream().map(SyncTask::key).toList(), List.copyOf(waves));
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * How Argo CD runs a wave (gitops-engine runTasks): its prunes at once, then its applies in runs of the same
   * kind, each run at once; the next run starts when the previous one has returned.
   */
  static List<List<SyncTask>> groups(List<SyncTask> wave) {
    List<List<SyncTask>> groups = new ArrayList<>();
    List<SyncTask> prunes = wave.stream().filter(t -> t.action() == Action.PRUNE).toList();
    if (!prunes.isEmpty()) {
      groups.add(prunes);
    }
    List<SyncTask> run = new ArrayList<>();
    for (SyncTask task : wave) {
      if (task.action() != Action.APPLY) {
        continue;
      }
      if (!run.isEmpty() && !run.get(0).key().kind().equals(task.key().kind())) {
        groups.add(run);
        run = new ArrayList<>();
      }
      run.add(task);
    }
    if (!run.isEmpty()) {
      groups.add(run);
    }
    return groups;
  }

  /** Runs the tasks concurrently; returns what failed, one message per task. */
  private List<String> run(List<SyncTask> group, ExecutorService workers) {
    List<Future<String>> results = new ArrayList<>();
    for (SyncTask task : group) {
      results.add(workers.submit(() -> {
        try {
          if (task.action() == Action.APPLY) {
            apply(task);
          } else {
            prune(task);
          }
          return null;
        } catch (KubernetesClientException e) {
          return task + ": " + message(e);
        }
      }));
    }
    List<String> failures = new ArrayList<>();
    for (Future<String> result : results) {
      String failure = await(result);
      if (failure != null) {
        failures.add(failure);
      }
    }
    return failures;
  }

  private void apply(SyncTask task) {
    GenericKubernetesResource resource = Serialization.jsonMapper().convertValue(task.manifest(),
        GenericKubernetesResource.class);
    client.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private void prune(SyncTask task) {
    resource(task.apiVersion(), task.key()).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
  }

  /** Waits until the wave's objects exist (a Namespace: Active) and its pruned objects are gone. */
  private void awaitWave(List<SyncTask> wave, String where) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (SyncTask task : wave) {
      while (!done(task)) {
        if (System.nanoTime() > deadline) {
          throw new GtException(ExitCode.CLUSTER_ERROR, "sync of " + where + ": timed out after "
              + timeout.toSeconds() + " s waiting for " + (task.action() == Action.APPLY ? "" : "the deletion of ")
              + task.key());
        }
        sleep();
      }
    }
  }

  private boolean done(SyncTask task) {
    boolean namespace = task.key().group().isEmpty() && task.key().kind().equals("Namespace");
    if (task.action() == Action.APPLY && !namespace) {
      return true; // the apply returned: it is stored
    }
    GenericKubernetesResource live = resource(task.apiVersion(), task.key()).get();
    if (task.action() == Action.PRUNE) {
      return live == null;
    }
    if (live == null) {
      return false;
    }
    if (namespace) {
      Object status = live.getAdditionalProperties().get("status");
      return status instanceof Map<?, ?> map && "Active".equals(map.get("phase"));
    }
    return true;
  }

  /** The objects of the kinds a rig may hold that carry a tracking annotation (one list per kind, at once). */
  private List<LiveObject> live(List<JsonNode> desired, ExecutorService workers) {
    Set<String> kinds = new LinkedHashSet<>();
    PRUNABLE.forEach(kind -> kinds.add(kind[0] + " " + kind[1]));
    desired.forEach(d -> kinds.add(d.path("apiVersion").asText() + " " + d.path("kind").asText()));
    List<Future<List<LiveObject>>> lists = new ArrayList<>();
    for (String kind : kinds) {
      lists.add(workers.submit(() -> tracked(kind.substring(0, kind.indexOf(' ')),
          kind.substring(kind.indexOf(' ') + 1))));
    }
    List<LiveObject> live = new ArrayList<>();
    for (Future<List<LiveObject>> list : lists) {
      live.addAll(await(list));
    }
    return live;
  }

  private List<LiveObject> tracked(String apiVersion, String kind) {
    Boolean namespaced = namespaced(apiVersion, kind);
    if (namespaced == null) {
      return List.of();
    }
    var operation = client.genericKubernetesResources(apiVersion, kind);
    List<GenericKubernetesResource> items = namespaced ? operation.inAnyNamespace().list().getItems()
        : operation.list().getItems();
    List<LiveObject> live = new ArrayList<>();
    for (GenericKubernetesResource item : items) {
      Map<String, String> annotations = item.getMetadata().getAnnotations();
      String tracking = annotations == null ? null : annotations.get(TrackingId.ANNOTATION);
      if (tracking != null) {
        live.add(new LiveObject(new ResourceKey(ResourceKey.groupOf(apiVersion), kind,
            Optional.ofNullable(item.getMetadata().getNamespace()).orElse(""), item.getMetadata().getName()),
            apiVersion, tracking, hasOwners(item), wave(annotations), annotations.get(SyncPlan.SYNC_OPTIONS)));
      }
    }
    return live;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GtException(ExitCode.CLUSTER_ERROR, "interrupted while syncing");
    }
  }

  private static boolean hasOwners(HasMetadata item) {
    return item.getMetadata().getOwnerReferences() != null && !item.getMetadata().getOwnerReferences().isEmpty();
  }

  private static int wave(Map<String, String> annotations) {
    try {
      return Integer.parseInt(annotations.getOrDefault(SyncWave.ANNOTATION, "0").strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether the kind is namespaced, from the apiserver's discovery (cached); null when it does not serve it. */
  Boolean namespaced(String apiVersion, String kind) {
    Optional<List<APIResource>> resources = discovery.computeIfAbsent(apiVersion, version -> {
      try {
        APIResourceList list = client.getApiResources(version);
        return Optional.ofNullable(list).map(APIResourceList::getResources);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return Optional.empty();
        }
        throw e;
      }
    });
    return resources.flatMap(list -> list.stream()
            .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
            .findFirst())
        .map(APIResource::getNamespaced)
        .orElse(null);
  }

  private Resource<GenericKubernetesResource> resource(String apiVersion, ResourceKey key) {
    var operation = client.genericKubernetesResources(apiVersion, key.kind());
    return key.namespace().isEmpty() ? operation.withName(key.name())
        : operation.inNamespace(key.namespace()).withName(key.name());
  }

  /** The apiserver's message, with the middle of a long one cut (an invalid Job template is quoted in full). */
  static String message(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getMessage();
    return message.length() <= 300 ? message : message.substring(0, 160) + " ... " + message.substring(
        message.length() - 120);
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GtException(ExitCode.CLUSTER_ERROR, "interrupted while syncing");
    }
  }
}
