package io.gastown.webhook;

import io.fabric8.kubernetes.client.internal.CertUtils;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * A KeyStore from the PEM files of a Kubernetes TLS Secret ({@code tls.crt} with the chain, {@code
 * tls.key}). Jetty has no PEM loader; fabric8's CertUtils reads PKCS#8 and PKCS#1 RSA keys, and
 * SEC1 EC keys are rewritten as PKCS#8 first (see {@link Sec1Keys}).
 */
final class PemKeyStore {
  /** The KeyStore lives only in memory; its password protects nothing and is not a secret. */
  static final String PASSWORD = "in-memory";

  private PemKeyStore() {}

  static KeyStore load(byte[] certificatePem, byte[] keyPem) throws GeneralSecurityException {
    String key = new String(keyPem, StandardCharsets.US_ASCII);
    if (!certificatePemLooksValid(certificatePem)) {
      throw new GeneralSecurityException("the certificate file holds no PEM certificate");
    }
    if (key.contains("BEGIN EC PRIVATE KEY")) {
      keyPem = Sec1Keys.toPkcs8Pem(key).getBytes(StandardCharsets.US_ASCII);
    }
    String[] algorithms =
        key.contains("BEGIN RSA PRIVATE KEY")
            ? new String[] {"RSA"}
            : key.contains("BEGIN EC PRIVATE KEY")
                ? new String[] {"EC"}
                : new String[] {"RSA", "EC"};
    GeneralSecurityException last = null;
    for (String algorithm : algorithms) {
      try {
        return CertUtils.createKeyStore(
            new ByteArrayInputStream(certificatePem),
            new ByteArrayInputStream(keyPem),
            algorithm,
            PASSWORD.toCharArray(),
            null,
            PASSWORD.toCharArray());
      } catch (Exception e) {
        // Message only: a key parser's exception may quote key material.
        last =
            new GeneralSecurityException(
                "cannot read the private key as "
                    + algorithm
                    + " ("
                    + e.getClass().getSimpleName()
                    + ")");
      }
    }
    throw last;
  }

  private static boolean certificatePemLooksValid(byte[] pem) {
    return new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----");
  }
}
