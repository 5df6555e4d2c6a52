package io.gastown.webhook;

import io.gastown.expand.PlatformConfig;
import io.gastown.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A webhook started on a free loopback port with a throw-away certificate, and a client that trusts
 * it.
 */
final class RunningWebhook implements AutoCloseable {
  final WebhookApp app;
  final TestPki certificates;
  final Path tlsDir;
  private final HttpClient client;

  private RunningWebhook(WebhookApp app, TestPki certificates, Path tlsDir) {
    this.app = app;
    this.certificates = certificates;
    this.tlsDir = tlsDir;
    this.client = client(certificates);
  }

  static RunningWebhook start(ClusterView cluster, PlatformConfig platform) {
    return start(cluster, platform, WebhookSettings.DEFAULT_MAX_REQUEST_BYTES);
  }

  static RunningWebhook start(ClusterView cluster, PlatformConfig platform, long maxRequestBytes) {
    try {
      Path tlsDir = Files.createTempDirectory("gastown-webhook-tls");
      TestPki certificates = TestPki.rsa("gastown-webhook");
      certificates.writeTo(tlsDir);
      WebhookSettings settings =
          new WebhookSettings(
              0,
              tlsDir.resolve("tls.crt"),
              tlsDir.resolve("tls.key"),
              tlsDir.resolve("platform.yaml"),
              maxRequestBytes,
              Duration.ofMillis(100),
              Duration.ZERO,
              Duration.ofSeconds(5));
      return new RunningWebhook(
          WebhookApp.start(settings, cluster, platform), certificates, tlsDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpClient client(TestPki trusted) {
    return HttpClient.newBuilder()
        .sslContext(trusted.trustingContext())
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + app.port() + path);
  }

  HttpResponse<String> post(String path, String body) {
    return post(path, body, "application/json");
  }

  HttpResponse<String> post(String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
