package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.Golden;
import io.gastown.testing.TestPki;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The webhook registered for real: a kube-apiserver calls it over TLS through the checked-in
 * MutatingWebhookConfiguration and ValidatingWebhookConfiguration (kustomize/base/webhook), with only their
 * clientConfig pointed at the webhook running in this JVM and the test CA in caBundle.
 */
@ControlPlane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookIT {
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  static final String NAMESPACE = "gt-it-" + SUFFIX;
  static final String RIG = "it-rig-" + SUFFIX;
  static final String CONFIGURATION = "gastown-webhook-it-" + SUFFIX;

  static KubernetesClient client;
  static TestPki ca;
  static SecretVolume tls;
  static Path tlsDir;
  static WebhookApp app;
  static InformerClusterView cluster;

  @BeforeAll
  static void registerTheWebhook(KubernetesClient kubernetes) throws Exception {
    client = kubernetes;
    ca = TestPki.rsa("gastown-it-ca");
    tlsDir = Files.createTempDirectory("gastown-webhook-it");
    tls = new SecretVolume(tlsDir);
    tls.publish("..v1", ca.issue("gastown-webhook"), TestPki.KeyFormat.TRADITIONAL);

    cluster = new InformerClusterView(client).start();
    app = WebhookApp.start(new WebhookSettings(0, tlsDir.resolve("tls.crt"), tlsDir.resolve("tls.key"),
        tlsDir.resolve("platform.yaml"), WebhookSettings.DEFAULT_MAX_REQUEST_BYTES, Duration.ofMillis(200),
        Duration.ZERO, Duration.ofSeconds(5)), cluster, PlatformConfig.defaults());
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/readyz").statusCode() == 200);

    MutatingWebhookConfiguration mutating = checkedIn("mutating.yaml", MutatingWebhookConfiguration.class);
    mutating.getMetadata().setName(CONFIGURATION);
    mutating.getWebhooks().forEach(hook -> hook.setClientConfig(pointedHere(hook.getClientConfig())));
    client.resource(mutating).create();
    ValidatingWebhookConfiguration validating = checkedIn("validating.yaml", ValidatingWebhookConfiguration.class);
    validating.getMetadata().setName(CONFIGURATION);
    validating.getWebhooks().forEach(hook -> hook.setClientConfig(pointedHere(hook.getClientConfig())));
    client.resource(validating).create();

    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
        .addToLabels("gastown.io/polecats", "enabled").endMetadata().build()).create();
    for (String secret : new String[] {"git-ssh-key", "claude-home"}) {
      client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(secret)
          .endMetadata().addToStringData("unused", "not a credential").build()).create();
    }
    // The configurations take effect once the apiserver's webhook informer has them.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThatThrownBy(() -> client.resource(invalidPolecat("probe-" + UUID.randomUUID().toString()
            .substring(0, 4))).create()).hasMessageContaining("denied the request"));
    client.resource(rig()).create();
  }

  @AfterAll
  static void unregister() {
    if (client != null) {
      client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(CONFIGURATION).delete();
      client.admissionRegistration().v1().validatingWebhookConfigurations().withName(CONFIGURATION).delete();
      client.namespaces().withName(NAMESPACE).delete();
      client.resources(Rig.class).withName(RIG).delete();
    }
    if (app != null) {
      app.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aLabelledPodIsStoredExpanded() {
    client.resource(polecat("furiosa")).create();
    Pod stored = client.resource(pod("furiosa")).create();

    assertThat(stored.getMetadata().getAnnotations()).containsEntry("gastown.io/expanded", "true");
    assertThat(stored.getMetadata().getLabels()).containsEntry("gastown.io/rig", RIG)
        .containsEntry("gastown.io/bead", "gt-1");
    assertThat(stored.getSpec().getInitContainers()).extracting("name").containsExactly("git-init");
    assertThat(stored.getSpec().getContainers()).extracting("name").containsExactly("claude");
    assertThat(stored.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(stored.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(client.pods().inNamespace(NAMESPACE).withName(stored.getMetadata().getName()).get()
        .getSpec().getContainers().get(0).getEnv()).anySatisfy(env -> {
          assertThat(env.getName()).isEqualTo("GT_TASK_DESCRIPTION");
          assertThat(env.getValue()).isEqualTo("Fix it; don't `rm -rf` $(anything).");
        });
  }

  @Test
  @Order(2)
  void aPodForAMissingPolecatIsDeniedWithTheWebhooksMessage() {
    assertThatThrownBy(() -> client.resource(pod("ghost")).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("admission webhook \"pods.gastown.gastown.io\" denied the request: no Polecat ghost "
            + "in namespace " + NAMESPACE + " (named by the Pod's label gastown.io/polecat)");
  }

  @Test
  @Order(3)
  void aPodWhoseSecretIsMissingIsDenied() {
    Polecat polecat = polecat("angharad");
    polecat.getSpec().getKubernetes().getClaudeCredsSecretRef().setName("no-such-secret");
    client.resource(polecat).create();
    assertThatThrownBy(() -> client.resource(pod("angharad")).create())
        .hasMessageContaining("denied the request: Secret no-such-secret does not exist in namespace " + NAMESPACE);
  }

  @Test
  @Order(4)
  void anInvalidPolecatIsRefusedByTheApiserverWithTheWebhooksMessage() {
    assertThatThrownBy(() -> client.resource(invalidPolecat("toast")).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("admission webhook \"polecats.gastown.gastown.io\" denied the request: Polecat "
            + NAMESPACE + "/toast is invalid: spec.kubernetes.workBranch: must differ from "
            + "spec.kubernetes.gitBranch");
    assertThat(client.resources(Polecat.class).inNamespace(NAMESPACE).withName("toast").get()).isNull();
  }

  @Test
  @Order(5)
  void aCertificateRotatedOnDiskIsServedWithoutRestart() throws Exception {
    BigInteger before = servedCertificate().getSerialNumber();
    TestPki renewed = ca.issue("gastown-webhook");
    tls.publish("..v2", renewed, TestPki.KeyFormat.PKCS8);

    await().atMost(Duration.ofSeconds(30)).until(() ->
        servedCertificate().getSerialNumber().equals(renewed.certificate().getSerialNumber()));
    assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(before);

    client.resource(polecat("capable")).create();
    Pod stored = client.resource(pod("capable")).create();
    assertThat(stored.getMetadata().getAnnotations()).containsEntry("gastown.io/expanded", "true");
  }

  private static X509Certificate servedCertificate() throws Exception {
    try (SSLSocket socket = (SSLSocket) ca.trustingContext().getSocketFactory().createSocket("127.0.0.1",
        app.port())) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return RunningWebhook.client(ca).send(HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:"
        + app.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static WebhookClientConfig pointedHere(WebhookClientConfig checkedIn) {
    return new WebhookClientConfigBuilder()
        .withUrl("https://127.0.0.1:" + app.port() + checkedIn.getService().getPath())
        .withCaBundle(Base64.getEncoder().encodeToString(ca.certificatePem().getBytes(StandardCharsets.US_ASCII)))
        .build();
  }

  private static <T> T checkedIn(String file, Class<T> type) throws Exception {
    return client.getKubernetesSerialization().unmarshal(Files.readString(Golden.root()
        .resolve("kustomize/base/webhook").resolve(file)), type);
  }

  private static Rig rig() {
    return Serialization.readYaml("""
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata: {name: %s}
        spec:
          gitURL: git@github.com:gastown/it-rig.git
          beadsPrefix: gt
        """.formatted(RIG), Rig.class);
  }

  private static Polecat polecat(String name) {
    return Serialization.readYaml("""
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: %s, namespace: %s}
        spec:
          rig: %s
          beadID: gt-1
          taskDescription: "Fix it; don't `rm -rf` $(anything)."
          kubernetes:
            gitSecretRef: {name: git-ssh-key}
            claudeCredsSecretRef: {name: claude-home}
        """.formatted(name, NAMESPACE, RIG), Polecat.class);
  }

  private static Polecat invalidPolecat(String name) {
    Polecat polecat = polecat(name);
    polecat.getSpec().getKubernetes().setGitBranch("main");
    polecat.getSpec().getKubernetes().setWorkBranch("main");
    return polecat;
  }

  private static Pod pod(String polecat) {
    Pod pod = Fixtures.podFromJob();
    pod.getMetadata().setNamespace(NAMESPACE);
    pod.getMetadata().setGenerateName(polecat + "-");
    pod.getMetadata().setOwnerReferences(null);
    pod.getMetadata().setLabels(Map.of("gastown.io/polecat", polecat, "gastown.io/rig", RIG,
        "job-name", polecat));
    return pod;
  }
}
