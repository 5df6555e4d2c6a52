package io.gastown.dev;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and the webhook's serving certificate for 127.0.0.1 (the kube-apiserver of the local control
 * plane calls the webhook there), made fresh for every environment, never stored in git. The same shape as
 * {@code hack/dev-certs.sh} writes: {@code ca.crt}, {@code tls.crt}, {@code tls.key} (PKCS#8, mode 600).
 */
public record DevCertificates(Path caCertificate, Path certificate, Path key, String caPem) {
  private static final Duration VALIDITY = Duration.ofDays(30);

  public static DevCertificates create(Path directory) {
    try {
      Files.createDirectories(directory);
      KeyPair caKeys = ecKeyPair();
      X509Certificate ca = sign(new X500Name("CN=gastown-dev-ca"), caKeys, new X500Name("CN=gastown-dev-ca"),
          caKeys, true);
      KeyPair serverKeys = ecKeyPair();
      X509Certificate server = sign(new X500Name("CN=gastown-webhook.gastown-system.svc"), serverKeys,
          new X500Name("CN=gastown-dev-ca"), caKeys, false);
      String caPem = pem(ca);
      Path caFile = directory.resolve("ca.crt");
      Path certificateFile = directory.resolve("tls.crt");
      Path keyFile = directory.resolve("tls.key");
      Files.writeString(caFile, caPem);
      Files.writeString(certificateFile, pem(server));
      Files.deleteIfExists(keyFile);
      Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(serverKeys.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n");
      return new DevCertificates(caFile, certificateFile, keyFile, caPem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the webhook's certificates: " + e.getMessage(), e);
    }
  }

  /** The CA as Kubernetes wants it in a webhook configuration's caBundle. */
  public String caBundle() {
    return Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
      boolean ca) throws IOException, GeneralSecurityException, OperatorCreationException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
        BigInteger.valueOf(now.toEpochMilli()).shiftLeft(8).add(BigInteger.valueOf(ca ? 1 : 2)),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
        subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.dNSName, "localhost")}));
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  private static String pem(X509Certificate certificate) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }
}
