package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The apiserver calls an admission webhook that the test serves over HTTPS on a local port. */
@ExtendWith(ControlPlaneExtension.class)
class AdmissionWebhookIT {
  private final String name = "webhook-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger calls = new AtomicInteger();
  private HttpsServer server;
  private KubernetesClient client;

  @AfterEach
  void cleanUp() {
    if (client != null) {
      client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).delete();
      client.namespaces().withName(name).delete();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void theApiServerCallsAWebhookOnALoopbackHttpsPort(KubernetesClient client) throws Exception {
    this.client = client;
    TestPki certificate = startDenyingWebhook();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("webhook-it", name)
                .endMetadata()
                .build())
        .create();
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .resource(webhookConfiguration(server.getAddress().getPort(), certificate))
        .create();

    // The apiserver picks up new webhook configurations asynchronously.
    String rejection = null;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (rejection == null && Instant.now().isBefore(deadline)) {
      try {
        client
            .configMaps()
            .inNamespace(name)
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withGenerateName("probe-")
                    .endMetadata()
                    .build())
            .create();
        Thread.sleep(200);
      } catch (KubernetesClientException e) {
        rejection = e.getStatus().getMessage();
      }
    }

    assertThat(rejection).contains("denied by the test webhook");
    assertThat(calls.get()).isPositive();
  }

  private TestPki startDenyingWebhook() throws Exception {
    TestPki certificate = TestPki.rsa("127.0.0.1");
    SSLContext tls = certificate.servingContext();

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/validate",
        exchange -> {
          calls.incrementAndGet();
          AdmissionReview request =
              Serialization.unmarshal(exchange.getRequestBody(), AdmissionReview.class);
          byte[] body =
              Serialization.asJson(
                      new AdmissionReviewBuilder()
                          .withResponse(
                              new AdmissionResponseBuilder()
                                  .withUid(request.getRequest().getUid())
                                  .withAllowed(false)
                                  .withStatus(
                                      new StatusBuilder()
                                          .withCode(403)
                                          .withMessage("denied by the test webhook")
                                          .build())
                                  .build())
                          .build())
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return certificate;
  }

  private ValidatingWebhookConfiguration webhookConfiguration(int port, TestPki certificate) {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addNewWebhook()
        .withName("deny.webhook-it.gastown.io")
        .withNewClientConfig()
        .withUrl("https://127.0.0.1:" + port + "/validate")
        .withCaBundle(certificate.caBundle())
        .endClientConfig()
        .addNewRule()
        .withOperations("CREATE")
        .withApiGroups("")
        .withApiVersions("v1")
        .withResources("configmaps")
        .endRule()
        .withNewNamespaceSelector()
        .addToMatchLabels("webhook-it", name)
        .endNamespaceSelector()
        .withSideEffects("None")
        .withAdmissionReviewVersions("v1")
        .withFailurePolicy("Fail")
        .withTimeoutSeconds(5)
        .endWebhook()
        .build();
  }
}
