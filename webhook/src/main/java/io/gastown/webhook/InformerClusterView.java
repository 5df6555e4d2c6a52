package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.gastown.model.BeadStore;
import io.gastown.model.Convoy;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster through fabric8 informers on Polecats, Rigs, BeadStores, Convoys and Refineries (all
 * namespaces), with a direct read when the cache misses, and on polecat Pods (label {@code
 * gastown.io/polecat}, kept slim: metadata and phase) for counting slots. Secrets are never listed
 * or watched: their existence is checked by a metadata-only GET, the Secrets of one Pod at once,
 * and a Secret found is taken to exist for a short while ({@link SecretPresence}).
 *
 * <p>A missing Polecat is waited for, briefly: Argo CD applies a polecat's Job and the Polecat in
 * the same sync wave, built-in kinds first, so the Job's Pod usually arrives a few milliseconds
 * before its Polecat. Denying it would cost a second of the Job controller's back-off; watching the
 * cache for {@link #POLECAT_GRACE} costs nothing.
 */
public final class InformerClusterView implements ClusterView, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InformerClusterView.class);
  private static final String BY_RIG = "rig";

  /** Well inside the MutatingWebhookConfiguration's 5 s timeout. */
  static final Duration POLECAT_GRACE = Duration.ofMillis(1500);

  /**
   * Longest sleep between two looks at the cache while waiting; an added Polecat wakes the waiters
   * at once.
   */
  private static final long POLL_MILLIS = 100;

  private final Object polecatArrived = new Object();

  private final KubernetesClient client;
  private final SharedIndexInformer<Polecat> polecats;
  private final SharedIndexInformer<Rig> rigs;
  private final SharedIndexInformer<BeadStore> beadStores;
  private final SharedIndexInformer<Convoy> convoys;
  private final SharedIndexInformer<Refinery> refineries;
  private final SharedIndexInformer<Pod> pods;
  private final ExecutorService secretLookups = Executors.newVirtualThreadPerTaskExecutor();
  private final SecretPresence secrets =
      new SecretPresence(this::secretExists, secretLookups, System::nanoTime);

  // withIndexers (deprecated in favour of adding indexers to a built informer) puts the index in
  // place before the
  // informer's first list, so no lookup ever sees an unindexed cache.
  @SuppressWarnings("deprecation")
  public InformerClusterView(KubernetesClient client) {
    this.client = client;
    this.polecats = client.resources(Polecat.class).inAnyNamespace().runnableInformer(0);
    this.rigs = client.resources(Rig.class).runnableInformer(0);
    this.beadStores = client.resources(BeadStore.class).inAnyNamespace().runnableInformer(0);
    beadStores.addIndexers(
        Map.of(
            BY_RIG,
            store ->
                store.getSpec() != null && store.getSpec().getRigRef() != null
                    ? List.of(store.getSpec().getRigRef())
                    : List.of()));
    this.convoys = client.resources(Convoy.class).inAnyNamespace().runnableInformer(0);
    this.refineries = client.resources(Refinery.class).inAnyNamespace().runnableInformer(0);
    this.pods =
        client
            .pods()
            .inAnyNamespace()
            .withLabel(GasTown.LABEL_POLECAT)
            .withIndexers(
                Map.of(
                    BY_RIG,
                    pod ->
                        pod.getMetadata().getLabels() != null
                                && pod.getMetadata().getLabels().get(GasTown.LABEL_RIG) != null
                            ? List.of(pod.getMetadata().getLabels().get(GasTown.LABEL_RIG))
                            : List.of()))
            .runnableInformer(0);
    pods.itemStore(new SlimPodStore());
    polecats.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Polecat polecat) {
            synchronized (polecatArrived) {
              polecatArrived.notifyAll();
            }
          }

          @Override
          public void onUpdate(Polecat before, Polecat after) {}

          @Override
          public void onDelete(Polecat polecat, boolean finalStateUnknown) {}
        });
    for (SharedIndexInformer<?> informer :
        List.of(polecats, rigs, beadStores, convoys, refineries, pods)) {
      // Keep retrying (e.g. while the CRDs are not installed yet): /readyz stays 503 meanwhile.
      informer.exceptionHandler(
          (started, error) -> {
            log.warn("informer error, retrying: {}", error.toString());
            return true;
          });
    }
  }

  /** Starts the informers without waiting for them; {@link #synced()} tells when they are. */
  public InformerClusterView start() {
    polecats.start();
    rigs.start();
    beadStores.start();
    convoys.start();
    refineries.start();
    pods.start();
    return this;
  }

  @Override
  public Optional<Polecat> polecat(String namespace, String name) {
    String key = namespace + "/" + name;
    Optional<Polecat> found =
        cachedOrRead(polecats.getStore().getByKey(key), () -> readPolecat(namespace, name));
    long deadline = System.nanoTime() + POLECAT_GRACE.toNanos();
    synchronized (polecatArrived) {
      // Looked at again under the lock: a Polecat added from here on wakes this wait.
      found = found.or(() -> Optional.ofNullable(polecats.getStore().getByKey(key)));
      while (found.isEmpty() && polecats.isWatching() && System.nanoTime() < deadline) {
        try {
          // Woken by every Polecat the cache adds.
          polecatArrived.wait(
              Math.max(1, Math.min(POLL_MILLIS, (deadline - System.nanoTime()) / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        found = Optional.ofNullable(polecats.getStore().getByKey(key));
      }
    }
    return found.isPresent() ? found : Optional.ofNullable(readPolecat(namespace, name));
  }

  private Polecat readPolecat(String namespace, String name) {
    return client.resources(Polecat.class).inNamespace(namespace).withName(name).get();
  }

  @Override
  public Optional<Rig> rig(String name) {
    return cachedOrRead(
        rigs.getStore().getByKey(name), () -> client.resources(Rig.class).withName(name).get());
  }

  @Override
  public Optional<BeadStore> beadStoreOf(String rig, String namespace) {
    Optional<BeadStore> cached =
        preferNamespace(beadStores.getIndexer().byIndex(BY_RIG, rig).stream(), namespace);
    if (cached.isPresent() || beadStores.hasSynced()) {
      return cached;
    }
    return preferNamespace(
        client.resources(BeadStore.class).inAnyNamespace().list().getItems().stream()
            .filter(store -> store.getSpec() != null && rig.equals(store.getSpec().getRigRef())),
        namespace);
  }

  private static Optional<BeadStore> preferNamespace(Stream<BeadStore> stores, String namespace) {
    Function<BeadStore, String> key =
        store ->
            (namespace.equals(store.getMetadata().getNamespace()) ? "0" : "1")
                + store.getMetadata().getNamespace()
                + "/"
                + store.getMetadata().getName();
    return stores.min(Comparator.comparing(key));
  }

  @Override
  public boolean secretExists(String namespace, String name) {
    // Metadata only (Accept: ...;as=PartialObjectMetadata): the Secret's data never reaches the
    // webhook.
    return client.secrets().inNamespace(namespace).withName(name).getAsPartialObjectMetadata()
        != null;
  }

  @Override
  public List<String> missingSecrets(String namespace, List<String> names) {
    return secrets.missing(namespace, names);
  }

  @Override
  public List<Convoy> convoys(String namespace) {
    return convoys.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  @Override
  public Optional<Refinery> refinery(String namespace, String name) {
    return cachedOrRead(
        refineries.getStore().getByKey(namespace + "/" + name),
        () -> client.resources(Refinery.class).inNamespace(namespace).withName(name).get());
  }

  @Override
  public List<Polecat> polecats(String namespace) {
    return polecats.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  @Override
  public List<Pod> polecatPods(String rig) {
    return pods.getIndexer().byIndex(BY_RIG, rig);
  }

  @Override
  public boolean synced() {
    return polecats.hasSynced()
        && rigs.hasSynced()
        && beadStores.hasSynced()
        && convoys.hasSynced()
        && refineries.hasSynced()
        && pods.hasSynced();
  }

  private static <T> Optional<T> cachedOrRead(T cached, java.util.function.Supplier<T> read) {
    return cached != null ? Optional.of(cached) : Optional.ofNullable(read.get());
  }

  @Override
  public void close() {
    polecats.close();
    rigs.close();
    beadStores.close();
    convoys.close();
    refineries.close();
    pods.close();
    secretLookups.shutdownNow();
  }
}
