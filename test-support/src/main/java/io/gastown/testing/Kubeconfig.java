package io.gastown.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Renders a self-contained kubeconfig (certificates embedded), usable by kubectl, fabric8 and the
 * components.
 */
final class Kubeconfig {
  static final String NAME = "gastown-test";

  private Kubeconfig() {}

  static String render(String serverUrl, String caPem, String clientCertPem, String clientKeyPem) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            certificate-authority-data: %3$s
        users:
        - name: %1$s
          user:
            client-certificate-data: %4$s
            client-key-data: %5$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """
        .formatted(NAME, serverUrl, base64(caPem), base64(clientCertPem), base64(clientKeyPem));
  }

  /**
   * A kubeconfig that authenticates with a bearer token (the node's and kube-proxy's identities).
   */
  static String renderToken(String serverUrl, String caPem, String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            certificate-authority-data: %3$s
        users:
        - name: %1$s
          user:
            token: %4$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
        current-context: %1$s
        """
        .formatted(NAME, serverUrl, base64(caPem), token);
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
