package io.gastown.status;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status reporter: writes the observed state of polecats back to Polecat, Convoy, Rig and
 * Witness {@code /status}. One replica writes at a time, the holder of the Lease {@value
 * ReporterConfig#LEASE_NAME} in its namespace; a new leader starts from a fresh list of everything,
 * so nothing is lost and, because Events are emitted only when the stored phase differs from the
 * computed one, nothing is repeated.
 *
 * <p>Run as {@code java -cp '/app/lib/*' io.gastown.status.StatusReporter}; settings in {@link
 * ReporterConfig}.
 */
public final class StatusReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);

  private final KubernetesClient client;
  private final ReporterConfig config;
  private final Clock clock;
  private final Runnable onLostLeadership;
  private final ReporterMetrics metrics = new ReporterMetrics();
  private final Object lock = new Object();
  private HealthServer http;
  private CompletableFuture<?> election;
  private StatusEngine engine;
  private volatile boolean leading;
  private volatile boolean closed;

  /**
   * @param onLostLeadership what to do when the Lease is lost while leading (the process exits, so
   *     that the Deployment restarts it and it queues for the Lease again from a clean state)
   */
  public StatusReporter(
      KubernetesClient client, ReporterConfig config, Clock clock, Runnable onLostLeadership) {
    this.client = client;
    this.config = config;
    this.clock = clock;
    this.onLostLeadership = onLostLeadership;
  }

  public static void main(String[] args) {
    ReporterConfig config;
    try {
      config = ReporterConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("gastown-status-reporter: " + e.getMessage());
      System.exit(2);
      return;
    }
    // The JDK's HTTP client (not Vert.x): see the exclusion in status-reporter/pom.xml.
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withHttpClientFactory(new io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory())
            .build();
    StatusReporter reporter =
        new StatusReporter(
            client,
            config,
            Clock.systemUTC(),
            () -> {
              LOG.error(
                  "lost the Lease {}; exiting so that a fresh process queues for it",
                  ReporterConfig.LEASE_NAME);
              System.exit(1);
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  reporter.close();
                  client.close();
                },
                "shutdown"));
    reporter.start();
  }

  /** Serves HTTP and, once leading (at once without leader election), starts writing statuses. */
  public StatusReporter start() {
    http = new HealthServer(config.httpPort(), this::ready, metrics);
    LOG.info(
        "status reporter {} serving /healthz /readyz /metrics on port {}",
        config.podName(),
        http.port());
    if (!config.leaderElection()) {
      startLeading();
      return this;
    }
    election =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(ReporterConfig.LEASE_NAME)
                    .withLock(
                        new LeaseLock(
                            config.podNamespace(), ReporterConfig.LEASE_NAME, config.podName()))
                    .withLeaseDuration(Duration.ofSeconds(15))
                    .withRenewDeadline(Duration.ofSeconds(10))
                    .withRetryPeriod(Duration.ofSeconds(2))
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(
                            this::startLeading,
                            this::stopLeading,
                            leader ->
                                LOG.info(
                                    "Lease {}/{} is held by {}",
                                    config.podNamespace(),
                                    ReporterConfig.LEASE_NAME,
                                    leader)))
                    .build())
            .build()
            .start();
    return this;
  }

  public int httpPort() {
    return http.port();
  }

  public boolean isLeading() {
    return leading;
  }

  /** Ready: as a standby at once; as the leader once the informers have their first list. */
  boolean ready() {
    StatusEngine current = engine;
    return !leading || current != null && current.ready();
  }

  private void startLeading() {
    leading = true;
    metrics.leading(true);
    // Not on the elector's thread: waiting for the informers there would hold up the Lease
    // renewals.
    Thread starter =
        new Thread(
            () -> {
              synchronized (lock) {
                if (closed || !leading) {
                  return;
                }
                StatusEngine fresh =
                    new StatusEngine(
                        new ClusterCache(client),
                        new StatusWriter(client),
                        new PhaseEvents(client, config.podName(), clock),
                        new LogActivityProber(client, clock, metrics, 2),
                        metrics,
                        config,
                        clock);
                try {
                  fresh.start(SYNC_TIMEOUT);
                  engine = fresh;
                  LOG.info("leading: writing statuses");
                } catch (Exception e) {
                  fresh.close();
                  LOG.error("could not start the informers: {}", e.toString());
                  if (!closed) {
                    onLostLeadership.run();
                  }
                }
              }
            },
            "engine-start");
    starter.setDaemon(true);
    starter.start();
  }

  private void stopLeading() {
    boolean wasLeading = leading;
    leading = false;
    metrics.leading(false);
    stopEngine();
    if (wasLeading && !closed) {
      onLostLeadership.run();
    }
  }

  private void stopEngine() {
    synchronized (lock) {
      if (engine != null) {
        engine.close();
        engine = null;
      }
    }
  }

  /** Stops writing, gives up the Lease (so a successor takes over at once) and stops serving. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    leading = false;
    stopEngine();
    if (election != null) {
      election.cancel(true);
    }
    if (http != null) {
      http.close();
    }
  }
}
