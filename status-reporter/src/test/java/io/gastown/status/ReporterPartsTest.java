package io.gastown.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReporterPartsTest {

  @Test
  void mergePatchCarriesTheResourceVersionAndNullsOutVanishedFields() {
    Polecat stored = new Polecat();
    stored.setMetadata(
        new ObjectMetaBuilder()
            .withName("furiosa")
            .withNamespace("gt-demo")
            .withResourceVersion("42")
            .build());
    PolecatStatus before = new PolecatStatus();
    before.setPhase(PolecatPhase.Working);
    before.setPodName("polecat-furiosa-abcde");
    stored.setStatus(before);
    PolecatStatus after = new PolecatStatus();
    after.setPhase(PolecatPhase.Pending);

    String patch = StatusWriter.mergePatch(stored, after);

    assertThat(patch.replaceAll("\\s", ""))
        .isEqualTo(
            "{\"metadata\":{\"resourceVersion\":\"42\"},\"status\":{\"phase\":\"Pending\",\"podName\":null}}");
  }

  @Test
  void workQueueHandsAKeyOutOnceAndRequeuesItWhenAddedWhileProcessing() throws Exception {
    WorkQueue<String> queue = new WorkQueue<>();
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertThat(queue.size()).isEqualTo(2);

    WorkQueue.Item<String> first = queue.take(1, TimeUnit.SECONDS);
    assertThat(first.key()).isEqualTo("a");
    queue.add("a");
    assertThat(queue.size()).as("a key being processed does not wait twice").isEqualTo(1);
    assertThat(queue.take(1, TimeUnit.SECONDS).key()).isEqualTo("b");
    assertThat(queue.take(10, TimeUnit.MILLISECONDS)).isNull();

    queue.done("a");
    WorkQueue.Item<String> again = queue.take(1, TimeUnit.SECONDS);
    assertThat(again.key()).isEqualTo("a");

    queue.shutDown();
    assertThat(queue.take(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void theLastLogLinesTimestampIsTheLastOutput() {
    Instant now = Instant.parse("2026-11-21T12:00:00Z");
    assertThat(
            LogActivityProber.lastLineTime(
                "2026-11-21T11:58:01.123456789Z working on it\n"
                    + "2026-11-21T11:59:30.5Z still going\n",
                now))
        .isEqualTo(Instant.parse("2026-11-21T11:59:30.5Z"));
    assertThat(LogActivityProber.lastLineTime("", now)).isNull();
    assertThat(LogActivityProber.lastLineTime("no timestamp here", now)).isEqualTo(now);
  }

  @Test
  void configComesFromTheEnvironmentWithClearErrors() {
    ReporterConfig config =
        ReporterConfig.fromEnv(
            Map.of(
                "GASTOWN_HTTP_PORT",
                "9090",
                "POD_NAME",
                "reporter-0",
                "POD_NAMESPACE",
                "gastown-system"));
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.podName()).isEqualTo("reporter-0");
    assertThat(config.podNamespace()).isEqualTo("gastown-system");
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.workers()).isEqualTo(8);

    assertThat(ReporterConfig.fromEnv(Map.of()).podNamespace()).isEqualTo("gastown-system");
    assertThatThrownBy(() -> ReporterConfig.fromEnv(Map.of("GASTOWN_HTTP_PORT", "http")))
        .hasMessage("GASTOWN_HTTP_PORT: 'http' is not a number; use e.g. 8080");
    assertThatThrownBy(() -> ReporterConfig.fromEnv(Map.of("GASTOWN_LEADER_ELECTION", "yes")))
        .hasMessage("GASTOWN_LEADER_ELECTION: 'yes' is not true or false");
  }

  @Test
  void healthReadinessAndMetricsAreServed() throws Exception {
    ReporterMetrics metrics = new ReporterMetrics();
    metrics.statusWrite(Key.Kind.POLECAT, "ok");
    metrics.lag(5_000_000);
    metrics.polecatsByPhase(Map.of(PolecatPhase.Working, 3));
    AtomicBoolean ready = new AtomicBoolean(false);
    try (HealthServer server = new HealthServer(0, ready::get, metrics)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();

      assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(http, base + "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(http, base + "/readyz").statusCode()).isEqualTo(200);
      String scrape = get(http, base + "/metrics").body();
      assertThat(scrape)
          .contains("gastown_status_writes_total{kind=\"polecat\",result=\"ok\"} 1.0");
      assertThat(scrape).contains("gastown_polecats{phase=\"Working\"} 3.0");
      assertThat(scrape).contains("gastown_status_lag_seconds_count 1");
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
