package io.gastown.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.model.Convoy;
import io.gastown.model.ConvoyPhase;
import io.gastown.model.ConvoyStatus;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatStatus;
import io.gastown.model.Refinery;
import io.gastown.model.RefineryStatus;
import io.gastown.model.Rig;
import io.gastown.model.RigStatus;
import io.gastown.model.Witness;
import io.gastown.model.WitnessStatus;
import io.gastown.status.model.ConvoyStatuses;
import io.gastown.status.model.PodFacts;
import io.gastown.status.model.PolecatObservation;
import io.gastown.status.model.PolecatStatuses;
import io.gastown.status.model.RefineryStatuses;
import io.gastown.status.model.RigStatuses;
import io.gastown.status.model.Statuses;
import io.gastown.status.model.WitnessSettings;
import io.gastown.status.model.WitnessStatuses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the informers see into statuses: every change marks the objects whose status it may
 * change, workers recompute those with the pure functions of {@code io.gastown.status.model} and
 * write the ones that differ. A ticker re-evaluates each polecat and Witness once per health-check
 * interval (thresholds pass with time alone) and starts the bounded log probes. One engine lives
 * for one leadership term.
 */
final class StatusEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusEngine.class);
  private static final int MAX_CONFLICT_RETRIES = 5;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  static final Duration AGGREGATE_DELAY = Duration.ofSeconds(1);

  /**
   * How long a Polecat must stay Pending before that is written. A new Polecat's Job, its Pod and
   * the Pod's start follow within milliseconds, each a Pending status of its own (JobMissing,
   * WaitingForPod, Starting): written at once, they would compete with the Pod's creation for the
   * apiserver, and a user would never see them anyway.
   */
  static final Duration PENDING_SETTLE = Duration.ofSeconds(1);

  private final ClusterCache cache;
  private final StatusWriter writer;
  private final PhaseEvents events;
  private final LogActivityProber prober;
  private final ReporterMetrics metrics;
  private final ReporterConfig config;
  private final Clock clock;
  private final WorkQueue<Key> queue = new WorkQueue<>();
  private final ScheduledExecutorService scheduler;
  private final List<Thread> workers = new ArrayList<>();
  private final Map<Key, Instant> lastEvaluated = new ConcurrentHashMap<>();
  private final Map<Key, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, ParsedSettings> settings = new ConcurrentHashMap<>();
  private final Set<Key> coalescing = ConcurrentHashMap.newKeySet();
  private final Map<Key, Instant> pendingSince = new ConcurrentHashMap<>();
  private volatile boolean running;

  StatusEngine(
      ClusterCache cache,
      StatusWriter writer,
      PhaseEvents events,
      LogActivityProber prober,
      ReporterMetrics metrics,
      ReporterConfig config,
      Clock clock) {
    this.cache = cache;
    this.writer = writer;
    this.events = events;
    this.prober = prober;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "status-ticker");
              thread.setDaemon(true);
              return thread;
            });
    metrics.queueDepth(queue::size);
  }

  /** Starts the informers, waits for their first list, then the workers and the ticker. */
  void start(Duration syncTimeout) throws Exception {
    new ChangeRouter(
            cache,
            new ChangeRouter.Marks() {
              @Override
              public void now(Key key) {
                queue.add(key);
              }

              @Override
              public void soon(Key key) {
                addSoon(key);
              }

              @Override
              public void gone(HasMetadata object) {
                forget(object);
              }
            })
        .register();
    cache.start().get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
    running = true;
    for (int i = 0; i < config.workers(); i++) {
      Thread worker = new Thread(this::work, "status-worker-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
    long tick = config.tick().toMillis();
    scheduler.scheduleWithFixedDelay(this::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
    LOG.info(
        "status engine started: {} polecats, {} convoys, {} rigs, {} witnesses",
        cache.polecats.getStore().list().size(),
        cache.convoys.getStore().list().size(),
        cache.rigs.getStore().list().size(),
        cache.witnesses.getStore().list().size());
  }

  boolean ready() {
    return running && cache.hasSynced();
  }

  /**
   * Queues a Rig, Witness or Convoy after {@link #AGGREGATE_DELAY}: their statuses count polecats,
   * so the changes of many polecats within that time make one write instead of one each.
   */
  private void addSoon(Key key) {
    addAfter(key, AGGREGATE_DELAY);
  }

  private void addAfter(Key key, Duration delay) {
    if (running && coalescing.add(key)) {
      scheduler.schedule(
          () -> {
            coalescing.remove(key);
            queue.add(key);
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } else if (!running) {
      queue.add(key);
    }
  }

  /** Drops what the engine remembers of an object that was deleted. */
  private void forget(HasMetadata object) {
    if (object instanceof Pod pod) {
      prober.forget(pod);
    } else if (object instanceof Polecat polecat) {
      lastEvaluated.remove(Key.of(Key.Kind.POLECAT, polecat));
      pendingSince.remove(Key.of(Key.Kind.POLECAT, polecat));
      writer.forget(polecat);
    } else if (object instanceof Witness witness) {
      lastEvaluated.remove(Key.of(Key.Kind.WITNESS, witness));
      writer.forget(witness);
    } else if (object instanceof CustomResource<?, ?> resource) {
      writer.forget(resource);
    }
  }

  // ---- computing and writing ----

  private void work() {
    while (running) {
      WorkQueue.Item<Key> item;
      try {
        item = queue.take(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (item == null) {
        continue;
      }
      try {
        process(item);
        failures.remove(item.key());
      } catch (RuntimeException e) {
        retryLater(item.key(), e);
      } finally {
        queue.done(item.key());
      }
    }
  }

  private void retryLater(Key key, RuntimeException e) {
    if (!running) {
      return;
    }
    int attempt = failures.merge(key, 1, Integer::sum);
    long delay = Math.min(MAX_BACKOFF.toMillis(), 200L << Math.min(attempt, 10));
    metrics.statusWrite(key.kind(), "error");
    LOG.warn("{}: status not written ({}), retrying in {} ms", key, e.getMessage(), delay);
    if (running) {
      scheduler.schedule(() -> queue.add(key), delay, TimeUnit.MILLISECONDS);
    }
  }

  private void process(WorkQueue.Item<Key> item) {
    Key key = item.key();
    switch (key.kind()) {
      case POLECAT -> {
        lastEvaluated.put(key, clock.instant());
        Polecat polecat = cache.polecat(key.namespace(), key.name());
        reconcile(item, polecat, this::polecatStatus, this::pendingToSettle, this::polecatWritten);
        if (polecat != null) {
          stopRetired(polecat);
        }
      }
      case CONVOY ->
          reconcile(
              item,
              cache.convoy(key.namespace(), key.name()),
              this::convoyStatus,
              this::convoyWritten);
      case RIG -> reconcile(item, cache.rig(key.name()), this::rigStatus, (stored, status) -> {});
      case WITNESS -> {
        lastEvaluated.put(key, clock.instant());
        reconcile(
            item,
            cache.witness(key.namespace(), key.name()),
            this::witnessStatus,
            (stored, status) -> {});
      }
      case REFINERY ->
          reconcile(
              item,
              cache.refinery(key.namespace(), key.name()),
              this::refineryStatus,
              (stored, status) -> {});
      default -> throw new IllegalStateException("unknown kind " + key.kind());
    }
  }

  /**
   * Computes and writes one status. A 409 (the object changed since it was read) means the
   * computation started from an outdated copy: read it again and recompute.
   */
  private <S, T extends CustomResource<?, S>> void reconcile(
      WorkQueue.Item<Key> item, T cached, Function<T, S> compute, BiConsumer<T, S> written) {
    reconcile(item, cached, compute, (stored, status) -> false, written);
  }

  /**
   * @param notYet whether the status computed should wait (it queued the object again for later)
   */
  private <S, T extends CustomResource<?, S>> void reconcile(
      WorkQueue.Item<Key> item,
      T cached,
      Function<T, S> compute,
      BiPredicate<T, S> notYet,
      BiConsumer<T, S> written) {
    T stored = writer.freshest(cached);
    if (stored != null && stored.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    for (int attempt = 1; stored != null; attempt++) {
      S status = compute.apply(stored);
      if (Statuses.same(stored.getStatus(), status) || notYet.test(stored, status)) {
        return;
      }
      try {
        writer.write(stored, status);
        metrics.statusWrite(item.key().kind(), "ok");
        metrics.lag(System.nanoTime() - item.addedNanos());
        written.accept(stored, status);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          writer.forget(stored);
          return;
        }
        if (e.getCode() != 409 || attempt >= MAX_CONFLICT_RETRIES) {
          throw e;
        }
        metrics.statusWrite(item.key().kind(), "conflict");
        stored = writer.fetch(stored);
      }
    }
  }

  /** A Pending status younger than {@link #PENDING_SETTLE} waits, and is computed again then. */
  private boolean pendingToSettle(Polecat stored, PolecatStatus status) {
    Key key = Key.of(Key.Kind.POLECAT, stored);
    if (status.getPhase() != PolecatPhase.Pending) {
      pendingSince.remove(key);
      return false;
    }
    Instant now = clock.instant();
    Duration left =
        PENDING_SETTLE.minus(Duration.between(pendingSince.computeIfAbsent(key, k -> now), now));
    if (left.isNegative() || left.isZero()) {
      return false;
    }
    addAfter(key, left);
    return true;
  }

  private PolecatStatus polecatStatus(Polecat stored) {
    String namespace = stored.getMetadata().getNamespace();
    String name = stored.getMetadata().getName();
    Job job = cache.job(namespace, name);
    List<Pod> pods = cache.pods(namespace, name, job);
    List<String> uids = new ArrayList<>();
    if (job != null) {
      uids.add(job.getMetadata().getUid());
    }
    pods.forEach(p -> uids.add(p.getMetadata().getUid()));
    return PolecatStatuses.compute(
        new PolecatObservation(
            stored,
            job,
            pods,
            cache.warningsAbout(uids),
            settingsFor(namespace, stored.getSpec() != null ? stored.getSpec().getRig() : null),
            prober.activity(PodFacts.current(pods)),
            clock.instant(),
            cache.mergeRunsQueuing(namespace, name)));
  }

  private RefineryStatus refineryStatus(Refinery stored) {
    String namespace = stored.getMetadata().getNamespace();
    String rig = stored.getSpec() != null ? stored.getSpec().getRigRef() : null;
    List<Polecat> polecats = polecatsOf(rig, namespace);
    return RefineryStatuses.compute(
        stored,
        rig != null ? cache.rig(rig) : null,
        cache.mergeRunsOf(namespace, stored.getMetadata().getName()),
        polecats,
        rig != null ? cache.convoysOfRig(rig) : List.of(),
        clock.instant());
  }

  /**
   * Enforces {@code desiredState: Terminated} on a running polecat: deletes its unfinished Pods.
   * The Job's {@code backoffLimit: 0} counts the deletion as its one failure, so no Pod replaces
   * them.
   */
  private void stopRetired(Polecat polecat) {
    String namespace = polecat.getMetadata().getNamespace();
    String name = polecat.getMetadata().getName();
    for (Pod pod :
        PodFacts.toStop(polecat, cache.pods(namespace, name, cache.job(namespace, name)))) {
      LOG.info(
          "Polecat {}/{} is Terminated: deleting its pod {}",
          namespace,
          name,
          pod.getMetadata().getName());
      writer.deletePod(pod);
    }
  }

  private void polecatWritten(Polecat stored, PolecatStatus status) {
    PolecatPhase before = stored.getStatus() != null ? stored.getStatus().getPhase() : null;
    if (before != status.getPhase()) {
      LOG.info(
          "Polecat {}/{}: {} -> {}: {}",
          stored.getMetadata().getNamespace(),
          stored.getMetadata().getName(),
          before,
          status.getPhase(),
          status.getMessage());
      events.phaseChanged(
          stored,
          status.getPhase().name(),
          status.getMessage(),
          status.getPhase() == PolecatPhase.Failed || status.getPhase() == PolecatPhase.Stuck);
      metrics.phaseEvent();
    }
  }

  private ConvoyStatus convoyStatus(Convoy stored) {
    Map<String, Polecat> polecats = new LinkedHashMap<>();
    List<String> beads =
        stored.getSpec() != null && stored.getSpec().getTrackedBeads() != null
            ? stored.getSpec().getTrackedBeads()
            : List.of();
    for (String bead : beads) {
      for (Polecat p : cache.polecatsOfBead(bead)) {
        polecats.putIfAbsent(
            p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), writer.freshest(p));
      }
    }
    return ConvoyStatuses.compute(stored, List.copyOf(polecats.values()), clock.instant());
  }

  private void convoyWritten(Convoy stored, ConvoyStatus status) {
    ConvoyPhase before = stored.getStatus() != null ? stored.getStatus().getPhase() : null;
    if (before != status.getPhase()) {
      LOG.info(
          "Convoy {}/{}: {} -> {} ({})",
          stored.getMetadata().getNamespace(),
          stored.getMetadata().getName(),
          before,
          status.getPhase(),
          status.getProgress());
      events.phaseChanged(
          stored,
          status.getPhase().name(),
          status.getProgress() + " beads done",
          status.getPhase() == ConvoyPhase.Failed);
      metrics.phaseEvent();
    }
  }

  private RigStatus rigStatus(Rig stored) {
    String rig = stored.getMetadata().getName();
    return RigStatuses.compute(
        stored,
        cache.polecatsOfRig(rig).stream().map(writer::freshest).toList(),
        cache.convoysOfRig(rig).stream().map(writer::freshest).toList(),
        clock.instant());
  }

  private WitnessStatus witnessStatus(Witness stored) {
    String namespace = stored.getMetadata().getNamespace();
    String rig = stored.getSpec() != null ? stored.getSpec().getRigRef() : null;
    List<Polecat> polecats = polecatsOf(rig, namespace);
    return WitnessStatuses.compute(stored, polecats, clock.instant());
  }

  /** The rig's Polecats in the namespace, each as last written; none without a rig. */
  private List<Polecat> polecatsOf(String rig, String namespace) {
    return rig == null
        ? List.of()
        : cache.polecatsOfRig(rig).stream()
            .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
            .map(writer::freshest)
            .toList();
  }

  private WitnessSettings settingsFor(String namespace, String rig) {
    return rig == null
        ? WitnessSettings.DEFAULTS
        : settingsOf(WitnessSettings.governing(cache.witnessesOf(namespace, rig), rig));
  }

  /**
   * A Witness's settings, parsed once per version of it (the ticker asks for them for every
   * polecat).
   */
  private WitnessSettings settingsOf(Witness witness) {
    if (witness == null) {
      return WitnessSettings.DEFAULTS;
    }
    String version =
        witness.getMetadata().getUid() + "/" + witness.getMetadata().getResourceVersion();
    ParsedSettings parsed = settings.get(witness.getMetadata().getUid());
    if (parsed == null || !parsed.version().equals(version)) {
      parsed = new ParsedSettings(version, WitnessSettings.of(witness));
      settings.put(witness.getMetadata().getUid(), parsed);
    }
    return parsed.settings();
  }

  private record ParsedSettings(String version, WitnessSettings settings) {}

  // ---- time-driven checks ----

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("periodic check failed: {}", e.toString());
    }
  }

  private void tick() {
    Instant now = clock.instant();
    Map<PolecatPhase, Integer> counts = new EnumMap<>(PolecatPhase.class);
    for (Polecat polecat : cache.polecats.getStore().list()) {
      Polecat p = writer.freshest(polecat);
      if (p.getStatus() != null && p.getStatus().getPhase() != null) {
        counts.merge(p.getStatus().getPhase(), 1, Integer::sum);
      }
      String namespace = p.getMetadata().getNamespace();
      WitnessSettings settings =
          settingsFor(namespace, p.getSpec() != null ? p.getSpec().getRig() : null);
      Key key = Key.of(Key.Kind.POLECAT, p);
      if (due(key, settings.healthCheckInterval(), now)) {
        queue.add(key);
      }
      if (p.getSpec() == null || p.getSpec().getDesiredState() == DesiredState.Working) {
        Pod pod =
            PodFacts.current(
                cache.pods(
                    namespace,
                    p.getMetadata().getName(),
                    cache.job(namespace, p.getMetadata().getName())));
        if (pod != null && "Running".equals(PodFacts.phase(pod))) {
          prober.probeIfDue(pod, settings.healthCheckInterval(), probed -> queue.add(key));
        }
      }
    }
    metrics.polecatsByPhase(counts);
    for (Witness witness : cache.witnesses.getStore().list()) {
      Key key = Key.of(Key.Kind.WITNESS, witness);
      if (due(key, settingsOf(witness).healthCheckInterval(), now)) {
        queue.add(key);
      }
    }
  }

  private boolean due(Key key, Duration interval, Instant now) {
    Instant last = lastEvaluated.get(key);
    return last == null || !now.isBefore(last.plus(interval));
  }

  @Override
  public void close() {
    running = false;
    queue.shutDown();
    scheduler.shutdownNow();
    for (Thread worker : workers) {
      worker.interrupt();
    }
    for (Thread worker : workers) {
      try {
        worker.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    prober.close();
    events.close();
    cache.close();
  }
}
