package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.model.Polecat;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.TestPki;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The webhook registered for real: a kube-apiserver calls it over TLS through the checked-in
 * MutatingWebhookConfiguration and ValidatingWebhookConfiguration (kustomize/base/webhook), with
 * only their clientConfig pointed at the webhook running in this JVM and the test CA in caBundle
 * ({@link RegisteredWebhook}).
 */
@ControlPlane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookIT {
  static RegisteredWebhook webhook;
  static KubernetesClient client;
  static String NAMESPACE;
  static String RIG;

  @BeforeAll
  static void registerTheWebhook(KubernetesClient kubernetes) throws Exception {
    client = kubernetes;
    webhook = RegisteredWebhook.register(kubernetes, null);
    NAMESPACE = webhook.namespace;
    RIG = webhook.rig;
  }

  @AfterAll
  static void unregister() {
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  @Order(1)
  void aLabelledPodIsStoredExpanded() {
    client.resource(polecat("furiosa")).create();
    Pod stored = client.resource(pod("furiosa")).create();

    assertThat(stored.getMetadata().getAnnotations()).containsEntry("gastown.io/expanded", "true");
    assertThat(stored.getMetadata().getLabels())
        .containsEntry("gastown.io/rig", RIG)
        .containsEntry("gastown.io/bead", "gt-1");
    assertThat(stored.getSpec().getInitContainers()).extracting("name").containsExactly("git-init");
    assertThat(stored.getSpec().getContainers()).extracting("name").containsExactly("claude");
    assertThat(stored.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(stored.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(
            client
                .pods()
                .inNamespace(NAMESPACE)
                .withName(stored.getMetadata().getName())
                .get()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo("GT_TASK_DESCRIPTION");
              assertThat(env.getValue()).isEqualTo("Fix it; don't `rm -rf` $(anything).");
            });
  }

  @Test
  @Order(2)
  void aPodForAMissingPolecatIsDeniedWithTheWebhooksMessage() {
    assertThatThrownBy(() -> client.resource(pod("ghost")).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "admission webhook \"pods.gastown.gastown.io\" denied the request: no Polecat ghost "
                + "in namespace "
                + NAMESPACE
                + " (named by the Pod's label gastown.io/polecat)");
  }

  @Test
  @Order(3)
  void aPodWhoseSecretIsMissingIsDenied() {
    Polecat polecat = polecat("angharad");
    polecat.getSpec().getKubernetes().getClaudeCredsSecretRef().setName("no-such-secret");
    client.resource(polecat).create();
    assertThatThrownBy(() -> client.resource(pod("angharad")).create())
        .hasMessageContaining(
            "denied the request: Secret no-such-secret does not exist in namespace " + NAMESPACE);
  }

  @Test
  @Order(4)
  void anInvalidPolecatIsRefusedByTheApiserverWithTheWebhooksMessage() {
    assertThatThrownBy(() -> client.resource(invalidPolecat("toast")).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "admission webhook \"polecats.gastown.gastown.io\" denied the request: Polecat "
                + NAMESPACE
                + "/toast is invalid: spec.kubernetes.workBranch: must differ from "
                + "spec.kubernetes.gitBranch");
    assertThat(client.resources(Polecat.class).inNamespace(NAMESPACE).withName("toast").get())
        .isNull();
  }

  @Test
  @Order(5)
  void aCertificateRotatedOnDiskIsServedWithoutRestart() throws Exception {
    BigInteger before = servedCertificate().getSerialNumber();
    TestPki renewed = webhook.ca.issue("gastown-webhook");
    webhook.tls.publish("..v2", renewed, TestPki.KeyFormat.PKCS8);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                servedCertificate()
                    .getSerialNumber()
                    .equals(renewed.certificate().getSerialNumber()));
    assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(before);

    client.resource(polecat("capable")).create();
    Pod stored = client.resource(pod("capable")).create();
    assertThat(stored.getMetadata().getAnnotations()).containsEntry("gastown.io/expanded", "true");
  }

  private static X509Certificate servedCertificate() throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            webhook
                .ca
                .trustingContext()
                .getSocketFactory()
                .createSocket("127.0.0.1", webhook.app.port())) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private static Polecat polecat(String name) {
    return webhook.polecat(name, "gt-1");
  }

  private static Polecat invalidPolecat(String name) {
    return webhook.invalidPolecat(name);
  }

  private static Pod pod(String polecat) {
    Pod pod = Fixtures.podFromJob();
    pod.getMetadata().setNamespace(NAMESPACE);
    pod.getMetadata().setGenerateName(polecat + "-");
    pod.getMetadata().setOwnerReferences(null);
    pod.getMetadata()
        .setLabels(
            Map.of("gastown.io/polecat", polecat, "gastown.io/rig", RIG, "job-name", polecat));
    return pod;
  }
}
