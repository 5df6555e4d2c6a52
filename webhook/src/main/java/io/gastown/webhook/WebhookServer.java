package io.gastown.webhook;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gastown.expand.PlatformConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook process: {@code java -cp /app/lib/* io.gastown.webhook.WebhookServer}. Reads its
 * settings from the environment (GASTOWN_PORT, GASTOWN_TLS_CERT, GASTOWN_TLS_KEY,
 * GASTOWN_PLATFORM_CONFIG, ...), the cluster through the in-cluster service account, and stops
 * gracefully on SIGTERM.
 */
public final class WebhookServer {
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  private WebhookServer() {}

  public static void main(String[] args) throws InterruptedException {
    WebhookSettings settings;
    PlatformConfig platform;
    try {
      settings = WebhookSettings.fromEnv(System.getenv());
      platform = PlatformConfig.load(settings.platformConfigFile());
    } catch (IllegalArgumentException e) {
      System.err.println("gastown-webhook: " + e.getMessage());
      System.exit(2);
      return;
    }
    log.info(
        "platform: openshift={}, runAsUser={}, activeDeadlineSeconds={}",
        platform.openshift(),
        platform.runAsUser(),
        platform.activeDeadlineSeconds());
    // Reads on the admission path must end well inside the webhook configuration's 5 s timeout.
    Config config = new ConfigBuilder(Config.autoConfigure(null)).withRequestTimeout(3000).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    InformerClusterView cluster = new InformerClusterView(client).start();
    WebhookApp app;
    try {
      WebhookApp.warmUp(settings, platform);
      app = WebhookApp.start(settings, cluster, platform);
    } catch (IllegalStateException e) {
      System.err.println("gastown-webhook: " + e.getMessage());
      cluster.close();
      client.close();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping: draining for {}s", settings.drainDelay().toSeconds());
                  app.markStopping();
                  sleep(settings.drainDelay().toMillis());
                  app.stop();
                  cluster.close();
                  client.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
