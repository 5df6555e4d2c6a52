package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatStatus;
import io.gastown.model.Rig;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates objects on the test control plane and kubeconfigs for limited users. */
public final class ClusterFixtures {
  private ClusterFixtures() {}

  public static void namespace(KubernetesClient client, String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }

  public static Rig createRig(KubernetesClient client, String name, String prefix) {
    Rig rig = Fixtures.rig(name, prefix);
    rig.getMetadata().setCreationTimestamp(null);
    return client.resource(rig).serverSideApply();
  }

  /** Creates the polecat, then sets its status as the status reporter would. */
  public static Polecat createPolecat(KubernetesClient client, Polecat polecat) {
    PolecatStatus status = polecat.getStatus();
    polecat.setStatus(null);
    polecat.getMetadata().setCreationTimestamp(null);
    Polecat created = client.resource(polecat).create();
    if (status != null) {
      created.setStatus(status);
      created = client.resource(created).updateStatus();
    }
    return created;
  }

  /**
   * A kubeconfig for a ServiceAccount (a token from the TokenRequest API), with the cluster of the
   * admin kubeconfig: for tests of what a user with limited RBAC sees.
   */
  public static Path serviceAccountKubeconfig(
      KubernetesClient client,
      Path adminKubeconfig,
      String namespace,
      String serviceAccount,
      Path target)
      throws Exception {
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata()
                .withName(serviceAccount)
                .endMetadata()
                .build())
        .serverSideApply();
    TokenRequest token =
        client
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(serviceAccount)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build());
    var admin = KubeConfigUtils.parseConfigFromString(Files.readString(adminKubeconfig));
    var cluster = admin.getClusters().get(0).getCluster();
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: limited
          context:
            cluster: test
            user: %s
            namespace: %s
        current-context: limited
        """
            .formatted(
                cluster.getServer(),
                cluster.getCertificateAuthorityData(),
                serviceAccount,
                token.getStatus().getToken(),
                serviceAccount,
                namespace);
    return Files.writeString(target, kubeconfig);
  }
}
