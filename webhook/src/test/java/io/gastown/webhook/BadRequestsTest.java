package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.expand.PlatformConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests the webhook cannot handle get a 4xx with a one-line reason, no stack trace, and the
 * server stays up.
 */
class BadRequestsTest {
  static final long LIMIT = 64 * 1024;
  static RunningWebhook webhook;

  @BeforeAll
  static void start() {
    webhook =
        RunningWebhook.start(
            new StaticClusterView().with(Fixtures.polecat()).with(Fixtures.rig()).withAnySecret(),
            PlatformConfig.defaults(),
            LIMIT);
  }

  @AfterAll
  static void stop() {
    webhook.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty body                 | application/json  |                                                       | 400 | empty body: send an AdmissionReview (admission.k8s.io/v1)",
        "wrong content type         | text/plain        | {}                                                    | 415 | Content-Type must be application/json, got text/plain",
        "no content type            |                   | {}                                                    | 415 | Content-Type must be application/json, got none",
        "malformed JSON             | application/json  | '{\"kind\": '                                         | 400 | malformed JSON at line 1, column 10",
        "a JSON list                | application/json  | []                                                    | 400 | not an AdmissionReview: the body's kind is missing",
        "not an AdmissionReview     | application/json  | '{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}'            | 400 | not an AdmissionReview: the body's kind is 'Pod'",
        "v1beta1                    | application/json  | '{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\"}' | 400 | AdmissionReview apiVersion must be admission.k8s.io/v1 (set admissionReviewVersions: [v1]), got 'admission.k8s.io/v1beta1'",
        "no request                 | application/json  | '{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}' | 400 | the AdmissionReview has no request.uid",
        "bad operation              | application/json  | '{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"PATCH\"}}' | 400 | request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, got 'PATCH'",
        "no object                  | application/json  | '{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\"}}' | 400 | the AdmissionReview has no request.object",
        "object of another kind     | application/json  | '{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}}}' | 400 | this endpoint expands Pods, the request holds ConfigMap",
        "object not matching schema | application/json  | '{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":[1]}}}' | 400 | the AdmissionReview does not match its schema at request.object.metadata: check the field's type",
        "truncated                  | application/json  | '{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Adm' | 400 | malformed JSON at line 1, column 48",
        "a key twice                | application/json  | '{\"kind\":\"AdmissionReview\",\"kind\":\"Pod\"}' | 400 | malformed JSON at line 1, column 33: a key is given twice",
        "another charset            | application/json; charset=iso-8859-1 | {}                         | 415 | Content-Type must be application/json in UTF-8, got charset iso-8859-1",
        "bad request namespace      | application/json  | '{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"operation\":\"CREATE\",\"namespace\":\"../kube-system\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}}}' | 400 | request.namespace must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (got \"../kube-system\")",
      })
  void isRefusedWithAReason(
      String name, String contentType, String body, int status, String reason) {
    HttpResponse<String> response =
        webhook.post("/mutate/pods", body == null ? "" : body, contentType);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).isEqualTo(reason + "\n");
    assertThat(response.body()).doesNotContain("Exception:", "\tat ", "io.gastown");
  }

  @Test
  void deeplyNestedJsonIsRefused() {
    String deep =
        "{\"kind\":\"AdmissionReview\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    HttpResponse<String> response = webhook.post("/mutate/pods", deep);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).endsWith(": nested deeper than 64 levels\n");
  }

  @Test
  void aBodyThatIsNotUtf8IsRefused() {
    byte[] latin1 =
        "{\"kind\":\"AdmissionReview\",\"x\":\"caf\u00e9\"}"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    HttpResponse<String> response =
        webhook.send(
            HttpRequest.newBuilder(webhook.uri("/mutate/pods"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))
                .build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo("the body is not UTF-8: send the AdmissionReview as UTF-8 JSON\n");
  }

  @Test
  void anOversizedBodyIsRefusedWithOrWithoutContentLength() {
    String big =
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"pad\":\"" + "x".repeat((int) LIMIT) + "\"}";
    HttpResponse<String> declared = webhook.post("/mutate/pods", big);
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.body())
        .isEqualTo("body larger than 65536 bytes (GASTOWN_MAX_REQUEST_BYTES)\n");

    HttpResponse<String> chunked =
        webhook.send(
            HttpRequest.newBuilder(webhook.uri("/mutate/pods"))
                .header("Content-Type", "application/json")
                .POST(unknownLength(big))
                .build());
    assertThat(chunked.statusCode()).isEqualTo(413);
  }

  @Test
  void theServerStillAnswersAfterBadRequests() {
    webhook.post("/mutate/pods", "{", "application/json");
    assertThat(webhook.get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> ok =
        webhook.post("/mutate/pods", Reviews.createPod(Fixtures.podFromJob()));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Reviews.response(ok.body()).getAllowed()).isTrue();
  }

  /** A body publisher with no declared length, so the client sends it chunked. */
  private static HttpRequest.BodyPublisher unknownLength(String body) {
    HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofString(body);
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
        known.subscribe(subscriber);
      }
    };
  }
}
