package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gastown.expand.PlatformConfig;
import io.gastown.testing.TestPki;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate rotated on disk the way the kubelet rotates a mounted Secret (files behind a {@code
 * ..data} symlink that is swapped atomically) is served without a restart; a broken rotation keeps
 * the old certificate.
 */
class TlsReloadTest {
  @Test
  void aRotatedCertificateIsServedWithoutRestart(@TempDir Path mount) throws Exception {
    TestPki first = TestPki.rsa("first");
    TestPki second = TestPki.ec("second");
    SecretVolume volume = new SecretVolume(mount);
    volume.publish("..2026_11_21_00_00_00.1", first, TestPki.KeyFormat.TRADITIONAL);

    WebhookSettings settings =
        new WebhookSettings(
            0,
            mount.resolve("tls.crt"),
            mount.resolve("tls.key"),
            mount.resolve("platform.yaml"),
            WebhookSettings.DEFAULT_MAX_REQUEST_BYTES,
            Duration.ofMillis(100),
            Duration.ZERO,
            Duration.ofSeconds(5));
    WebhookApp app = WebhookApp.start(settings, new StaticClusterView(), PlatformConfig.defaults());
    try {
      assertThat(healthz(app, first)).isEqualTo(200);

      volume.publish("..2026_11_21_01_00_00.2", second, TestPki.KeyFormat.PKCS8);
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(() -> healthz(app, second) == 200);
      assertThatThrownBy(() -> healthz(app, first)).isInstanceOf(SSLHandshakeException.class);

      Path data = mount.resolve("..data");
      Files.writeString(data.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\nbroken\n");
      Thread.sleep(500);
      assertThat(healthz(app, second))
          .as("a broken key file keeps the served certificate")
          .isEqualTo(200);
      assertThat(metrics(app, second))
          .contains("gastown_webhook_tls_reloads_total{result=\"success\"} 1.0")
          .contains("gastown_webhook_tls_reloads_total{result=\"failure\"}");
    } finally {
      app.stop();
    }
  }

  private static int healthz(WebhookApp app, TestPki trusted) throws Exception {
    return fresh(trusted)
        .send(
            HttpRequest.newBuilder(uri(app, "/healthz")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String metrics(WebhookApp app, TestPki trusted) throws Exception {
    return fresh(trusted)
        .send(
            HttpRequest.newBuilder(uri(app, "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** A new client each time: a pooled connection would keep the old TLS session. */
  private static HttpClient fresh(TestPki trusted) {
    return RunningWebhook.client(trusted);
  }

  private static java.net.URI uri(WebhookApp app, String path) {
    return java.net.URI.create("https://127.0.0.1:" + app.port() + path);
  }
}
