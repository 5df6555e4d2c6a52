package io.gastown.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.gastown.model.Convoy;
import io.gastown.model.GasTown;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.model.Witness;
import io.gastown.status.model.MergeRuns;
import io.gastown.status.model.ObservedEvent;
import io.gastown.status.model.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporter's view of the cluster: informers on the Gas Town kinds, on polecat Jobs and Pods
 * (selected by the label {@code gastown.io/polecat}), on the Pods of merge runs (label {@code
 * gastown.io/refinery}), and on the Warning events that a Pod's status does not show (FailedCreate,
 * FailedMount), with the indexes the status functions need.
 */
final class ClusterCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);
  private static final String BY_RIG = "rig";
  private static final String BY_BEAD = "bead";
  private static final String BY_POLECAT = "polecat";
  private static final String BY_NAMESPACE_RIG = "namespace-rig";
  private static final String BY_OBJECT_UID = "object-uid";
  private static final String BY_REFINERY = "refinery";
  private static final String BY_QUEUED_POLECAT = "queued-polecat";

  final SharedIndexInformer<Polecat> polecats;
  final SharedIndexInformer<Job> jobs;
  final SharedIndexInformer<Pod> pods;
  final SharedIndexInformer<Convoy> convoys;
  final SharedIndexInformer<Rig> rigs;
  final SharedIndexInformer<Witness> witnesses;
  final SharedIndexInformer<Refinery> refineries;
  final SharedIndexInformer<Pod> mergeRuns;
  final List<SharedIndexInformer<Event>> warnings;

  // withIndexers is deprecated in fabric8 7 for addIndexers on a created informer; it is kept
  // because it puts the
  // indexes in place before the informer's first list, so no lookup ever sees an unindexed cache.
  @SuppressWarnings("deprecation")
  ClusterCache(KubernetesClient client) {
    polecats =
        client
            .resources(Polecat.class)
            .inAnyNamespace()
            .withIndexers(
                Map.of(
                    BY_RIG,
                        p ->
                            p.getSpec() != null && p.getSpec().getRig() != null
                                ? List.of(p.getSpec().getRig())
                                : List.of(),
                    BY_BEAD,
                        p ->
                            p.getSpec() != null && p.getSpec().getBeadID() != null
                                ? List.of(p.getSpec().getBeadID())
                                : List.of()))
            .runnableInformer(0);
    jobs =
        client
            .batch()
            .v1()
            .jobs()
            .inAnyNamespace()
            .withLabel(GasTown.LABEL_POLECAT)
            .withIndexers(Map.of(BY_POLECAT, ClusterCache::polecatOf))
            .runnableInformer(0);
    pods =
        client
            .pods()
            .inAnyNamespace()
            .withLabel(GasTown.LABEL_POLECAT)
            .withIndexers(Map.of(BY_POLECAT, ClusterCache::polecatOf))
            .runnableInformer(0);
    convoys =
        client
            .resources(Convoy.class)
            .inAnyNamespace()
            .withIndexers(
                Map.of(
                    BY_RIG,
                        c ->
                            c.getSpec() != null && c.getSpec().getRigRef() != null
                                ? List.of(c.getSpec().getRigRef())
                                : List.of(),
                    BY_BEAD,
                        c ->
                            c.getSpec() != null && c.getSpec().getTrackedBeads() != null
                                ? List.copyOf(Set.copyOf(c.getSpec().getTrackedBeads()))
                                : List.of()))
            .runnableInformer(0);
    rigs = client.resources(Rig.class).runnableInformer(0);
    witnesses =
        client
            .resources(Witness.class)
            .inAnyNamespace()
            .withIndexers(
                Map.of(
                    BY_NAMESPACE_RIG,
                    w ->
                        w.getSpec() != null && w.getSpec().getRigRef() != null
                            ? List.of(
                                w.getMetadata().getNamespace() + "/" + w.getSpec().getRigRef())
                            : List.of()))
            .runnableInformer(0);
    refineries = client.resources(Refinery.class).inAnyNamespace().runnableInformer(0);
    mergeRuns =
        client
            .pods()
            .inAnyNamespace()
            .withLabel(GasTown.LABEL_REFINERY)
            .withIndexers(
                Map.of(
                    BY_REFINERY,
                    p ->
                        List.of(
                            p.getMetadata().getNamespace()
                                + "/"
                                + p.getMetadata().getLabels().get(GasTown.LABEL_REFINERY)),
                    BY_QUEUED_POLECAT,
                    p ->
                        MergeRuns.queue(p).stream()
                            .map(e -> p.getMetadata().getNamespace() + "/" + e.polecat())
                            .distinct()
                            .toList()))
            .runnableInformer(0);
    warnings =
        List.of(ObservedEvent.FAILED_CREATE, ObservedEvent.FAILED_MOUNT).stream()
            .map(
                reason ->
                    client
                        .v1()
                        .events()
                        .inAnyNamespace()
                        .withField("reason", reason)
                        .withIndexers(
                            Map.<String, Function<Event, List<String>>>of(
                                BY_OBJECT_UID,
                                e ->
                                    e.getInvolvedObject() != null
                                            && e.getInvolvedObject().getUid() != null
                                        ? List.of(e.getInvolvedObject().getUid())
                                        : List.of()))
                        .runnableInformer(0))
            .toList();
    polecats.itemStore(new LeanItemStore<>());
    jobs.itemStore(new LeanItemStore<>());
    pods.itemStore(new LeanItemStore<>());
    convoys.itemStore(new LeanItemStore<>());
    rigs.itemStore(new LeanItemStore<>());
    witnesses.itemStore(new LeanItemStore<>());
    refineries.itemStore(new LeanItemStore<>());
    mergeRuns.itemStore(new LeanItemStore<>(Set.of(GasTown.ANNOTATION_MERGE_QUEUE)));
    for (SharedIndexInformer<Event> informer : warnings) {
      informer.itemStore(new LeanItemStore<>());
      // Events only sharpen a Pending reason: without permission to list them the reporter works
      // on.
      informer.exceptionHandler(
          (started, error) -> {
            if (error instanceof KubernetesClientException k
                && (k.getCode() == 403 || k.getCode() == 401)) {
              LOG.warn(
                  "cannot watch Events ({}): Pending reasons from FailedCreate/FailedMount events are off; grant "
                      + "list/watch on events to the reporter's ServiceAccount",
                  k.getCode());
              return false;
            }
            return true;
          });
    }
  }

  /** The informers whose contents the statuses depend on (the event informers are best-effort). */
  List<SharedIndexInformer<?>> essential() {
    return List.of(polecats, jobs, pods, convoys, rigs, witnesses, refineries, mergeRuns);
  }

  CompletableFuture<Void> start() {
    for (SharedIndexInformer<Event> informer : warnings) {
      informer
          .start()
          .exceptionally(
              e -> {
                LOG.warn("event informer did not start: {}", e.getMessage());
                return null;
              });
    }
    return CompletableFuture.allOf(
        essential().stream()
            .map(i -> i.start().toCompletableFuture())
            .toArray(CompletableFuture[]::new));
  }

  boolean hasSynced() {
    return essential().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  <T> void onChange(SharedIndexInformer<T> informer, ResourceEventHandler<T> handler) {
    informer.addEventHandler(handler);
  }

  Polecat polecat(String namespace, String name) {
    return polecats.getStore().getByKey(namespace + "/" + name);
  }

  Convoy convoy(String namespace, String name) {
    return convoys.getStore().getByKey(namespace + "/" + name);
  }

  Rig rig(String name) {
    return rigs.getStore().getByKey(name);
  }

  Refinery refinery(String namespace, String name) {
    return refineries.getStore().getByKey(namespace + "/" + name);
  }

  /** The Pods of the Refinery's merge runs. */
  List<Pod> mergeRunsOf(String namespace, String refinery) {
    return mergeRuns.getIndexer().byIndex(BY_REFINERY, namespace + "/" + refinery);
  }

  /** The Pods of the merge runs that were given the polecat's branch. */
  List<Pod> mergeRunsQueuing(String namespace, String polecat) {
    return mergeRuns.getIndexer().byIndex(BY_QUEUED_POLECAT, namespace + "/" + polecat);
  }

  /** The Refineries of the rig in the namespace. */
  List<Refinery> refineriesOf(String namespace, String rig) {
    return refineries.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
        .filter(r -> r.getSpec() != null && rig.equals(r.getSpec().getRigRef()))
        .toList();
  }

  Witness witness(String namespace, String name) {
    return witnesses.getStore().getByKey(namespace + "/" + name);
  }

  /**
   * The polecat's Job: the one named {@code polecat-<name>}, else any Job labelled with the
   * polecat.
   */
  Job job(String namespace, String polecat) {
    List<Job> labelled = jobs.getIndexer().byIndex(BY_POLECAT, namespace + "/" + polecat);
    String expected = PodContract.jobName(polecat);
    return labelled.stream()
        .min(
            Comparator.comparing((Job j) -> !expected.equals(j.getMetadata().getName()))
                .thenComparing(j -> j.getMetadata().getName()))
        .orElse(null);
  }

  /**
   * The polecat's Pods: those of its Job when it has one (a Pod of an older Job of the same name
   * does not count).
   */
  List<Pod> pods(String namespace, String polecat, Job job) {
    List<Pod> labelled = pods.getIndexer().byIndex(BY_POLECAT, namespace + "/" + polecat);
    if (job == null) {
      return labelled;
    }
    String jobUid = job.getMetadata().getUid();
    return labelled.stream()
        .filter(
            p -> {
              OwnerReference owner = controller(p);
              return owner == null || Objects.equals(owner.getUid(), jobUid);
            })
        .toList();
  }

  List<ObservedEvent> warningsAbout(Collection<String> uids) {
    List<ObservedEvent> found = new ArrayList<>();
    for (SharedIndexInformer<Event> informer : warnings) {
      for (String uid : uids) {
        if (uid == null) {
          continue;
        }
        for (Event e : informer.getIndexer().byIndex(BY_OBJECT_UID, uid)) {
          found.add(new ObservedEvent(uid, e.getReason(), e.getMessage(), lastSeen(e)));
        }
      }
    }
    return found;
  }

  List<Polecat> polecatsOfRig(String rig) {
    return polecats.getIndexer().byIndex(BY_RIG, rig);
  }

  List<Polecat> polecatsOfBead(String bead) {
    return polecats.getIndexer().byIndex(BY_BEAD, bead);
  }

  List<Convoy> convoysOfRig(String rig) {
    return convoys.getIndexer().byIndex(BY_RIG, rig);
  }

  List<Convoy> convoysTracking(String bead) {
    return convoys.getIndexer().byIndex(BY_BEAD, bead);
  }

  List<Witness> witnessesOf(String namespace, String rig) {
    return witnesses.getIndexer().byIndex(BY_NAMESPACE_RIG, namespace + "/" + rig);
  }

  /**
   * The polecat a Job or Pod belongs to, from its label, as namespace/name (empty when unlabelled).
   */
  static List<String> polecatOf(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String polecat = labels != null ? labels.get(GasTown.LABEL_POLECAT) : null;
    return polecat == null || polecat.isEmpty()
        ? List.of()
        : List.of(object.getMetadata().getNamespace() + "/" + polecat);
  }

  private static OwnerReference controller(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners == null
        ? null
        : owners.stream()
            .filter(o -> Boolean.TRUE.equals(o.getController()))
            .findFirst()
            .orElse(null);
  }

  private static Instant lastSeen(Event e) {
    Instant at = Timestamps.parse(e.getLastTimestamp());
    if (at == null && e.getSeries() != null && e.getSeries().getLastObservedTime() != null) {
      at = Timestamps.parse(e.getSeries().getLastObservedTime().getTime());
    }
    if (at == null && e.getEventTime() != null) {
      at = Timestamps.parse(e.getEventTime().getTime());
    }
    return at != null ? at : Timestamps.parse(e.getMetadata().getCreationTimestamp());
  }

  @Override
  public void close() {
    essential().forEach(SharedIndexInformer::close);
    warnings.forEach(SharedIndexInformer::close);
  }
}
