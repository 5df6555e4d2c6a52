package io.gastown.webhook;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throw-away self-signed serving certificates for 127.0.0.1 and localhost, as PEM, like a TLS Secret holds. */
public record TestCertificates(X509Certificate certificate, KeyPair keyPair) {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  public enum KeyFormat { PKCS8, TRADITIONAL }

  public static TestCertificates rsa(String commonName) {
    return create(commonName, "RSA", "SHA256withRSA", null);
  }

  static TestCertificates ec(String commonName) {
    return create(commonName, "EC", "SHA256withECDSA", null);
  }

  /** A serving certificate issued by this one (used as a CA), as cert-manager renews them: same CA, new leaf. */
  public TestCertificates issue(String commonName) {
    return create(commonName, "RSA", "SHA256withRSA", this);
  }

  private static TestCertificates create(String commonName, String algorithm, String signature,
      TestCertificates issuer) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      KeyPair keyPair = generator.generateKeyPair();
      X500Name name = new X500Name("CN=" + commonName);
      X500Name issuerName = issuer == null ? name
          : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(Duration.ofDays(2))), name, keyPair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(issuer == null));
      KeyPair signer = issuer == null ? keyPair : issuer.keyPair();
      X509Certificate certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(signer.getPrivate())));
      return new TestCertificates(certificate, keyPair);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String certificatePem() {
    return pem(certificate);
  }

  String keyPem(KeyFormat format) {
    if (format == KeyFormat.PKCS8) {
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keyPair.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    }
    if (keyPair.getPrivate().getAlgorithm().equals("EC")) {
      return sec1WithCurve();
    }
    return pem(keyPair);
  }

  /** SEC1 with the curve in its parameters, as openssl and cert-manager write it (the JDK's inner SEC1 omits it). */
  private String sec1WithCurve() {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
      ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
      org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
          info.parsePrivateKey());
      byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), curve).getEncoded();
      return "-----BEGIN " + Sec1Keys.LABEL + "-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(sec1)
          + "\n-----END " + Sec1Keys.LABEL + "-----\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes tls.crt and tls.key (traditional PEM, as cert-manager's default PKCS1 encoding) into dir. */
  public void writeTo(Path dir) throws IOException {
    writeTo(dir, KeyFormat.TRADITIONAL);
  }

  void writeTo(Path dir, KeyFormat format) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("tls.crt"), certificatePem());
    Files.writeString(dir.resolve("tls.key"), keyPem(format));
  }

  /** A client SSLContext that trusts only this certificate. */
  public SSLContext trustingContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("webhook", certificate);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
