package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import io.gastown.testing.TestPki;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * The webhook registered for real: started in this JVM on informers of the test's cluster, and
 * called by its kube-apiserver over TLS through the checked-in MutatingWebhookConfiguration and
 * ValidatingWebhookConfiguration (kustomize/base/webhook), with only their name, clientConfig (this
 * webhook, the test CA in caBundle) changed. Also an opted-in namespace holding the Secrets the
 * test polecats name, and a Rig.
 */
final class RegisteredWebhook implements AutoCloseable {
  static final String GIT_SECRET = "git-ssh-key";
  static final String CLAUDE_SECRET = "claude-home";

  final KubernetesClient client;
  final String suffix = UUID.randomUUID().toString().substring(0, 6);
  final String namespace = "gt-it-" + suffix;
  final String rig = "it-rig-" + suffix;
  final String configuration = "gastown-webhook-it-" + suffix;
  final TestPki ca = TestPki.rsa("gastown-it-ca");
  final Path tlsDir;
  final SecretVolume tls;
  InformerClusterView cluster;
  WebhookApp app;

  private RegisteredWebhook(KubernetesClient client) throws Exception {
    this.client = client;
    this.tlsDir = Files.createTempDirectory("gastown-webhook-it");
    this.tls = new SecretVolume(tlsDir);
  }

  /** Starts the webhook, registers it, and waits until the apiserver calls it. */
  static RegisteredWebhook register(KubernetesClient client, String rigSettingsYaml)
      throws Exception {
    RegisteredWebhook webhook = new RegisteredWebhook(client);
    webhook.start(rigSettingsYaml);
    return webhook;
  }

  private void start(String rigSettingsYaml) throws Exception {
    tls.publish("..v1", ca.issue("gastown-webhook"), TestPki.KeyFormat.TRADITIONAL);
    cluster = new InformerClusterView(client).start();
    app =
        WebhookApp.start(
            new WebhookSettings(
                0,
                tlsDir.resolve("tls.crt"),
                tlsDir.resolve("tls.key"),
                tlsDir.resolve("platform.yaml"),
                WebhookSettings.DEFAULT_MAX_REQUEST_BYTES,
                Duration.ofMillis(200),
                Duration.ZERO,
                Duration.ofSeconds(5)),
            cluster,
            PlatformConfig.defaults());
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/readyz").statusCode() == 200);

    MutatingWebhookConfiguration mutating =
        checkedIn("mutating.yaml", MutatingWebhookConfiguration.class);
    mutating.getMetadata().setName(configuration);
    mutating
        .getWebhooks()
        .forEach(hook -> hook.setClientConfig(pointedHere(hook.getClientConfig())));
    client.resource(mutating).create();
    ValidatingWebhookConfiguration validating =
        checkedIn("validating.yaml", ValidatingWebhookConfiguration.class);
    validating.getMetadata().setName(configuration);
    validating
        .getWebhooks()
        .forEach(hook -> hook.setClientConfig(pointedHere(hook.getClientConfig())));
    client.resource(validating).create();

    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .addToLabels(GasTown.LABEL_NAMESPACE_OPT_IN, GasTown.NAMESPACE_OPT_IN_VALUE)
                .endMetadata()
                .build())
        .create();
    for (String secret : new String[] {GIT_SECRET, CLAUDE_SECRET}) {
      client
          .secrets()
          .inNamespace(namespace)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(secret)
                  .endMetadata()
                  .addToStringData("unused", "not a credential")
                  .build())
          .create();
    }
    // The configurations take effect once the apiserver's webhook informer has them.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () ->
                            client
                                .resource(
                                    invalidPolecat(
                                        "probe-" + UUID.randomUUID().toString().substring(0, 4)))
                                .create())
                    .hasMessageContaining("denied the request"));
    client.resource(rig(rigSettingsYaml)).create();
  }

  HttpResponse<String> get(String path) throws Exception {
    return RunningWebhook.client(ca)
        .send(
            HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + app.port() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  Rig rig(String settingsYaml) {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata: {name: %s}
        spec:
          gitURL: git@github.com:gastown/it-rig.git
          beadsPrefix: gt
        %s"""
            .formatted(rig, settingsYaml == null ? "" : "  settings: " + settingsYaml + "\n"),
        Rig.class);
  }

  /** A Polecat of the test's rig in its namespace, with the Secrets the namespace holds. */
  Polecat polecat(String name, String bead) {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: %s, namespace: %s}
        spec:
          rig: %s
          beadID: %s
          taskDescription: "Fix it; don't `rm -rf` $(anything)."
          kubernetes:
            gitSecretRef: {name: %s}
            claudeCredsSecretRef: {name: %s}
        """
            .formatted(name, namespace, rig, bead, GIT_SECRET, CLAUDE_SECRET),
        Polecat.class);
  }

  /**
   * Invalid by a rule only the webhook checks (not the CRD schema): work branch equal to the cloned
   * branch.
   */
  Polecat invalidPolecat(String name) {
    Polecat polecat = polecat(name, "gt-1");
    polecat.getSpec().getKubernetes().setGitBranch("main");
    polecat.getSpec().getKubernetes().setWorkBranch("main");
    return polecat;
  }

  private WebhookClientConfig pointedHere(WebhookClientConfig checkedIn) {
    return new WebhookClientConfigBuilder()
        .withUrl("https://127.0.0.1:" + app.port() + checkedIn.getService().getPath())
        .withCaBundle(
            Base64.getEncoder()
                .encodeToString(ca.certificatePem().getBytes(StandardCharsets.US_ASCII)))
        .build();
  }

  private <T> T checkedIn(String file, Class<T> type) throws Exception {
    return client
        .getKubernetesSerialization()
        .unmarshal(
            Files.readString(Golden.root().resolve("kustomize/base/webhook").resolve(file)), type);
  }

  @Override
  public void close() {
    client
        .admissionRegistration()
        .v1()
        .mutatingWebhookConfigurations()
        .withName(configuration)
        .delete();
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(configuration)
        .delete();
    client.namespaces().withName(namespace).delete();
    client.resources(Rig.class).withName(rig).delete();
    if (app != null) {
      app.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
