package io.gastown.dev;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import io.gastown.status.ReporterConfig;
import io.gastown.status.StatusReporter;
import io.gastown.webhook.InformerClusterView;
import io.gastown.webhook.WebhookApp;
import io.gastown.webhook.WebhookSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gas Town's two in-cluster components running on this host against a control plane: the admission
 * webhook over TLS, registered with the apiserver through the checked-in webhook configurations,
 * and the status reporter. Each has its own client from the kubeconfig, as its Deployment would.
 * Shared by {@link DevEnvironment} (hack/dev.sh) and the end-to-end tests, so the tests run what
 * people evaluating the project run.
 */
public final class LocalGasTown implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalGasTown.class);
  private static final String PROBE_NAMESPACE = "default";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private WebhookApp webhook;
  private StatusReporter reporter;

  private LocalGasTown() {}

  /**
   * Starts the webhook (on a free port) and the reporter and returns once the apiserver calls the
   * webhook and the reporter is ready.
   *
   * @param workDirectory where the webhook's throw-away TLS files go
   */
  public static LocalGasTown start(
      Path kubeconfig, Path repositoryRoot, Path workDirectory, Duration timeout) {
    LocalGasTown town = new LocalGasTown();
    try {
      town.startWebhook(kubeconfig, repositoryRoot, workDirectory, timeout);
      town.startReporter(kubeconfig, timeout);
      return town;
    } catch (RuntimeException e) {
      town.close();
      throw e;
    }
  }

  public int webhookPort() {
    return webhook.port();
  }

  public int reporterPort() {
    return reporter.httpPort();
  }

  private void startWebhook(
      Path kubeconfig, Path repositoryRoot, Path workDirectory, Duration timeout) {
    long t0 = System.nanoTime();
    DevCertificates tls = DevCertificates.create(workDirectory.resolve("tls"));
    KubernetesClient client = keep(client(kubeconfig));
    InformerClusterView cluster = keep(new InformerClusterView(client).start());
    // As the webhook's Deployment runs it (WebhookServer), so that benchmarks measure what
    // production runs.
    WebhookSettings settings =
        new WebhookSettings(
            0,
            tls.certificate(),
            tls.key(),
            workDirectory.resolve("platform.yaml"),
            WebhookSettings.DEFAULT_MAX_REQUEST_BYTES,
            Duration.ofSeconds(10),
            Duration.ZERO,
            Duration.ofSeconds(5));
    WebhookApp.warmUp(settings, PlatformConfig.defaults());
    webhook = WebhookApp.start(settings, cluster, PlatformConfig.defaults());
    keep(webhook::stop);
    await("the webhook's caches", timeout, cluster::synced);
    KubernetesClient admin = keep(client(kubeconfig));
    keep(WebhookRegistration.register(admin, repositoryRoot, webhook.port(), tls.caBundle()));
    await("the apiserver to call the webhook", timeout, () -> webhookCalled(admin));
    log.info(
        "webhook on https://127.0.0.1:{} registered (caBundle: {}) in {} ms",
        webhook.port(),
        tls.caCertificate(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private void startReporter(Path kubeconfig, Duration timeout) {
    KubernetesClient client = keep(client(kubeconfig));
    // One replica run by hand: no leader election (ReporterConfig's documented use of false).
    reporter =
        new StatusReporter(
                client,
                new ReporterConfig(
                    0,
                    "gastown-dev",
                    ReporterConfig.DEFAULT_NAMESPACE,
                    4,
                    false,
                    Duration.ofSeconds(1)),
                Clock.systemUTC(),
                () -> {})
            .start();
    keep(reporter);
    HttpClient http = HttpClient.newHttpClient();
    await(
        "the status reporter to be ready",
        timeout,
        () -> httpOk(http, "http://127.0.0.1:" + reporter.httpPort() + "/readyz"));
    log.info("status reporter ready (http://127.0.0.1:{}/metrics)", reporter.httpPort());
  }

  /**
   * Whether the validating webhook answers for the apiserver: a server-side dry run of a Polecat
   * only the webhook refuses (work branch = branch) is denied by it.
   */
  private static boolean webhookCalled(KubernetesClient client) {
    Polecat probe =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: gastown-dev-probe, namespace: %s}
        spec:
          rig: probe
          beadID: probe-1
          kubernetes: {gitBranch: main, workBranch: main}
        """
                .formatted(PROBE_NAMESPACE),
            Polecat.class);
    try {
      client.resource(probe).dryRun().create();
      return false;
    } catch (KubernetesClientException e) {
      return e.getMessage() != null && e.getMessage().contains("denied the request");
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    started.push(resource);
    return resource;
  }

  /**
   * Stops the reporter, unregisters and stops the webhook, closes the clients; newest first.
   * Idempotent.
   */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        log.warn("while stopping: {}", e.toString());
      }
    }
  }

  static KubernetesClient client(Path kubeconfig) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  private static boolean httpOk(HttpClient http, String url) {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
