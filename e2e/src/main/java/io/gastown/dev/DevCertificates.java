package io.gastown.dev;

import io.gastown.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A throw-away CA and the webhook's serving certificate for 127.0.0.1 (the kube-apiserver of the
 * local control plane calls the webhook there), made fresh for every environment by the test PKI
 * ({@link TestPki}), never stored in git. The same shape as {@code hack/dev-certs.sh} writes:
 * {@code ca.crt}, {@code tls.crt}, {@code tls.key} (PKCS#8, mode 600).
 */
public record DevCertificates(Path caCertificate, Path certificate, Path key, String caPem) {

  public static DevCertificates create(Path directory) {
    try {
      TestPki ca = TestPki.ca("gastown-dev-ca", TestPki.Algorithm.EC);
      TestPki server = ca.issue("gastown-webhook.gastown-system.svc", TestPki.Algorithm.EC);
      server.writeTo(directory, TestPki.KeyFormat.PKCS8);
      Path caFile = directory.resolve("ca.crt");
      Files.writeString(caFile, ca.certificatePem());
      return new DevCertificates(
          caFile, directory.resolve("tls.crt"), directory.resolve("tls.key"), ca.certificatePem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CA as Kubernetes wants it in a webhook configuration's caBundle. */
  public String caBundle() {
    return Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
  }
}
