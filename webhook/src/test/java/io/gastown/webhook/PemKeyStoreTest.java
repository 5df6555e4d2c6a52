package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gastown.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key encodings cert-manager and OpenShift service-ca write: PKCS#1 RSA, SEC1 EC and PKCS#8 of
 * both.
 */
class PemKeyStoreTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"RSA, TRADITIONAL", "RSA, PKCS8", "EC, TRADITIONAL", "EC, PKCS8"})
  void loadsTheKeyAndCertificate(String algorithm, TestPki.KeyFormat format) throws Exception {
    TestPki certificates = algorithm.equals("EC") ? TestPki.ec("ec") : TestPki.rsa("rsa");
    KeyStore store =
        PemKeyStore.load(bytes(certificates.certificatePem()), bytes(certificates.keyPem(format)));
    String alias = store.aliases().nextElement();
    assertThat(store.getCertificate(alias)).isEqualTo(certificates.certificate());
    PrivateKey key = (PrivateKey) store.getKey(alias, PemKeyStore.PASSWORD.toCharArray());
    String signature = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    Signature signer = Signature.getInstance(signature);
    signer.initSign(key);
    signer.update(bytes("admission"));
    Signature verifier = Signature.getInstance(signature);
    verifier.initVerify(certificates.certificate().getPublicKey());
    verifier.update(bytes("admission"));
    assertThat(verifier.verify(signer.sign()))
        .as("the loaded key belongs to the certificate")
        .isTrue();
  }

  @Test
  void unusableFilesAreRefusedWithoutQuotingThem() {
    TestPki certificates = TestPki.rsa("rsa");
    String secretLooking =
        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(
            () -> PemKeyStore.load(bytes(certificates.certificatePem()), bytes(secretLooking)))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith("cannot read the private key")
        .hasMessageNotContaining("c2VjcmV0");
    assertThatThrownBy(
            () ->
                PemKeyStore.load(
                    bytes("not a certificate"),
                    bytes(certificates.keyPem(TestPki.KeyFormat.PKCS8))))
        .hasMessage("the certificate file holds no PEM certificate");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
