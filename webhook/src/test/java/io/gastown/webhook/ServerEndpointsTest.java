package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.expand.PlatformConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz and /metrics on the same HTTPS port. */
class ServerEndpointsTest {
  @Test
  void readyOnlyWhenTheCachesAreSyncedAndNotWhileStopping() {
    StaticClusterView cluster = new StaticClusterView();
    cluster.synced = false;
    try (RunningWebhook webhook = RunningWebhook.start(cluster, PlatformConfig.defaults())) {
      assertThat(webhook.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(webhook.get("/readyz").statusCode()).isEqualTo(503);
      assertThat(webhook.get("/readyz").body()).isEqualTo("caches not synced yet\n");
      cluster.synced = true;
      assertThat(webhook.get("/readyz").statusCode()).isEqualTo(200);
      webhook.app.markStopping();
      assertThat(webhook.get("/readyz").statusCode()).isEqualTo(503);
      assertThat(webhook.get("/readyz").body()).isEqualTo("stopping\n");
      assertThat(webhook.get("/healthz").statusCode()).as("alive while draining").isEqualTo(200);
    }
  }

  @Test
  void anAnswerIsSentWholeAndUncompressedAlsoWhenTheClientAsksForGzip() {
    StaticClusterView cluster =
        new StaticClusterView().with(Fixtures.polecat()).with(Fixtures.rig()).withAnySecret();
    try (RunningWebhook webhook = RunningWebhook.start(cluster, PlatformConfig.defaults())) {
      // The apiserver's Go client asks for gzip on every call to a webhook.
      HttpResponse<String> answer =
          webhook.send(
              HttpRequest.newBuilder(webhook.uri("/mutate/pods"))
                  .header("Content-Type", "application/json")
                  .header("Accept-Encoding", "gzip")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(Reviews.createPod(Fixtures.podFromJob())))
                  .build());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(answer.headers().firstValue("Transfer-Encoding")).isEmpty();
      assertThat(answer.headers().firstValueAsLong("Content-Length"))
          .hasValue((long) answer.body().getBytes(StandardCharsets.UTF_8).length);
      assertThat(answer.body()).contains("\"allowed\":true", "\"patchType\":\"JSONPatch\"");
    }
  }

  @Test
  void metricsCountAdmissionsByEndpointAndResultWithALatencyHistogram() {
    StaticClusterView cluster =
        new StaticClusterView().with(Fixtures.polecat()).with(Fixtures.rig()).withAnySecret();
    try (RunningWebhook webhook = RunningWebhook.start(cluster, PlatformConfig.defaults())) {
      Pod pod = Fixtures.podFromJob();
      webhook.post("/mutate/pods", Reviews.createPod(pod));
      webhook.post("/mutate/pods", Reviews.createPod(pod));
      cluster.polecats.clear();
      webhook.post("/mutate/pods", Reviews.createPod(pod));
      webhook.post("/mutate/pods", "", "application/json");
      webhook.post(
          "/validate/polecats",
          Reviews.create(Fixtures.polecat(), Fixtures.NAMESPACE, "gastown.gastown.io", "polecats"));

      String metrics = webhook.get("/metrics").body();
      assertThat(metrics)
          .contains(
              "gastown_webhook_admissions_total{endpoint=\"/mutate/pods\",result=\"allowed\"} 2.0")
          .contains(
              "gastown_webhook_admissions_total{endpoint=\"/mutate/pods\",result=\"denied\"} 1.0")
          .contains(
              "gastown_webhook_admissions_total{endpoint=\"/mutate/pods\",result=\"bad_request\"} 1.0")
          .contains(
              "gastown_webhook_admissions_total{endpoint=\"/validate/polecats\",result=\"allowed\"} 1.0")
          .contains("gastown_webhook_admission_duration_seconds_count{endpoint=\"/mutate/pods\"} 4")
          .contains(
              "gastown_webhook_admission_duration_seconds_bucket{endpoint=\"/mutate/pods\",le=\"0.005\"}")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void eachPhaseOfAPolecatPodsAdmissionIsTimed() {
    StaticClusterView cluster =
        new StaticClusterView().with(Fixtures.polecat()).with(Fixtures.rig()).withAnySecret();
    try (RunningWebhook webhook = RunningWebhook.start(cluster, PlatformConfig.defaults())) {
      Pod pod = Fixtures.podFromJob();
      webhook.post("/mutate/pods", Reviews.createPod(pod));
      webhook.post("/mutate/pods", Reviews.createPod(pod));
      cluster.polecats.clear();
      webhook.post("/mutate/pods", Reviews.createPod(pod));

      String metrics = webhook.get("/metrics").body();
      for (String phase :
          new String[] {"polecat", "rig", "policy", "secrets", "expand", "slots", "diff"}) {
        assertThat(metrics)
            .as(phase)
            .contains(
                "gastown_webhook_pod_admission_phase_seconds_count{phase=\"" + phase + "\"} 2");
      }
      assertThat(metrics)
          .as("the Pod without its Polecat stopped at the lookup")
          .contains("gastown_webhook_pod_admission_phase_seconds_count{phase=\"refusal\"} 1")
          .contains(
              "gastown_webhook_pod_admission_phase_seconds_bucket{phase=\"secrets\",le=\"0.005\"}");
    }
  }
}
