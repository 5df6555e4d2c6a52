package io.gastown.webhook;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of one keep-alive HTTPS connection to a webhook on this host, as the apiserver
 * holds them: one request at a time, HTTP/1.1, blocking I/O, the same body every time. The warm-up
 * sends its made-up reviews with it ({@link AdmissionWarmUp}), and AdmissionBenchmark its load: it
 * costs the client a fraction of what java.net.http's asynchronous machinery does, so that on a
 * 2-core machine the benchmark measures the webhook and not its own client.
 */
public final class KeepAliveHttps implements Closeable {
  private static final int READ_TIMEOUT_MILLIS = 10_000;
  private static final byte[] ALLOWED = "\"allowed\":true".getBytes(StandardCharsets.US_ASCII);

  private final SSLSocket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] request;
  private byte[] body = new byte[32 * 1024];
  private int bodyLength;

  /**
   * @param path the endpoint, e.g. /mutate/pods
   * @param json the body sent with every {@link #post}
   */
  public KeepAliveHttps(SSLContext tls, int port, String path, String json) throws IOException {
    socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    // A webhook that stops answering fails the caller instead of hanging it (the warm-up runs
    // before the webhook listens).
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    socket.startHandshake();
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    byte[] content = json.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + "Content-Length: "
                + content.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    request = Arrays.copyOf(head, head.length + content.length);
    System.arraycopy(content, 0, request, head.length, content.length);
  }

  /**
   * Sends the request and reads the whole answer; true when it is a 200 whose review allows the
   * Pod.
   */
  public boolean post() throws IOException {
    out.write(request);
    out.flush();
    int status = statusLine();
    int length = -1;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(header.substring(colon + 1).strip());
      }
    }
    if (length < 0) {
      throw new IOException("the answer has no Content-Length");
    }
    if (body.length < length) {
      body = new byte[length];
    }
    bodyLength = in.readNBytes(body, 0, length);
    if (bodyLength != length) {
      throw new IOException("the connection closed in the middle of an answer");
    }
    return status == 200 && contains(body, bodyLength, ALLOWED);
  }

  private int statusLine() throws IOException {
    String status = line(in);
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: " + status);
    }
    return Integer.parseInt(status.substring(9, 12));
  }

  /** One line of an HTTP/1.1 head or chunked body, without its CRLF. */
  public static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static boolean contains(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Client TLS that trusts exactly the certificates in a PEM file: the webhook's own (the warm-up
   * only talks to itself) or the CA that signed it.
   */
  public static SSLContext trusting(Path certificateFile) {
    try (InputStream in = Files.newInputStream(certificateFile)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int n = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("trusted-" + n++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the webhook's certificate " + certificateFile + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
