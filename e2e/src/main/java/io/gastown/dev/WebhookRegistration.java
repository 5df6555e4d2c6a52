package io.gastown.dev;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checked-in webhook configurations (kustomize/base/webhook/mutating.yaml and validating.yaml:
 * rules, selectors, failurePolicy as deployed) registered with the apiserver, with only their
 * clientConfig changed: the URL of the webhook on this host and the dev CA in caBundle (what the
 * dev overlay does with kustomize).
 */
public final class WebhookRegistration implements AutoCloseable {
  public static final String NAME = "gastown-webhook";
  static final String FIELD_MANAGER = "gastown-dev";

  private final KubernetesClient client;

  private WebhookRegistration(KubernetesClient client) {
    this.client = client;
  }

  public static WebhookRegistration register(
      KubernetesClient client, Path repositoryRoot, int port, String caBundle) {
    Path directory = repositoryRoot.resolve("kustomize/base/webhook");
    MutatingWebhookConfiguration mutating =
        read(client, directory.resolve("mutating.yaml"), MutatingWebhookConfiguration.class);
    mutating
        .getWebhooks()
        .forEach(hook -> hook.setClientConfig(local(hook.getClientConfig(), port, caBundle)));
    ValidatingWebhookConfiguration validating =
        read(client, directory.resolve("validating.yaml"), ValidatingWebhookConfiguration.class);
    validating
        .getWebhooks()
        .forEach(hook -> hook.setClientConfig(local(hook.getClientConfig(), port, caBundle)));
    client.resource(mutating).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    client.resource(validating).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    return new WebhookRegistration(client);
  }

  private static WebhookClientConfig local(
      WebhookClientConfig checkedIn, int port, String caBundle) {
    return new WebhookClientConfigBuilder()
        .withUrl("https://127.0.0.1:" + port + checkedIn.getService().getPath())
        .withCaBundle(caBundle)
        .build();
  }

  private static <T> T read(KubernetesClient client, Path file, Class<T> type) {
    try {
      return client.getKubernetesSerialization().unmarshal(Files.readString(file), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Unregisters: with failurePolicy Fail, a registration left behind would refuse every polecat
   * Pod.
   */
  @Override
  public void close() {
    client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(NAME).delete();
    client.admissionRegistration().v1().validatingWebhookConfigurations().withName(NAME).delete();
  }
}
