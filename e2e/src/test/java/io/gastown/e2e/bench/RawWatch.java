package io.gastown.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.gastown.webhook.KeepAliveHttps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLSocket;

/**
 * A watch read straight off a TLS socket over HTTP/1.1 by a thread of its own. Each event is
 * stamped (wall clock, microseconds) when its last byte arrives, before it is parsed: the observer
 * adds no queueing of its own to what it times. fabric8's watch hands each event through
 * java.net.http's HTTP/2 schedulers and a typed decode before the benchmark could stamp it, on a
 * JVM that also runs the webhook and the reporter.
 */
final class RawWatch implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SSLSocket socket;
  private final Thread reader;

  private RawWatch(SSLSocket socket, Thread reader) {
    this.socket = socket;
    this.reader = reader;
  }

  /**
   * Watches {@code path} (an API collection, such as {@code /api/v1/namespaces/x/pods}) and hands
   * each ADDED or MODIFIED object to {@code onEvent} with the time its event arrived.
   */
  static RawWatch start(Config config, String path, BiConsumer<Long, JsonNode> onEvent)
      throws IOException {
    URI server = URI.create(config.getMasterUrl());
    SSLSocket socket;
    try {
      socket =
          (SSLSocket)
              SSLUtils.sslContext(config)
                  .getSocketFactory()
                  .createSocket(server.getHost(), server.getPort());
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot build the TLS context of " + server, e);
    }
    socket.setTcpNoDelay(true);
    socket.startHandshake();
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET "
                + path
                + "?watch=true HTTP/1.1\r\nHost: "
                + server.getHost()
                + ":"
                + server.getPort()
                + "\r\nAccept: application/json\r\nUser-Agent: gastown-bench-raw-watch\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
    String status = KeepAliveHttps.line(in);
    if (!status.contains(" 200 ")) {
      socket.close();
      throw new IOException("watch of " + path + " answered " + status);
    }
    while (!KeepAliveHttps.line(in).isEmpty()) {
      // the headers: the apiserver always answers a watch chunked
    }
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .name("raw-watch " + path)
            .start(() -> read(in, onEvent, socket));
    return new RawWatch(socket, reader);
  }

  private static void read(InputStream in, BiConsumer<Long, JsonNode> onEvent, SSLSocket socket) {
    ByteArrayOutputStream event = new ByteArrayOutputStream(1 << 15);
    try {
      while (true) {
        int size = Integer.parseInt(KeepAliveHttps.line(in).trim(), 16);
        if (size == 0) {
          return;
        }
        byte[] chunk = in.readNBytes(size);
        long arrived = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        KeepAliveHttps.line(in);
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
          if (chunk[i] == '\n') {
            event.write(chunk, start, i - start);
            deliver(event.toByteArray(), arrived, onEvent);
            event.reset();
            start = i + 1;
          }
        }
        event.write(chunk, start, chunk.length - start);
      }
    } catch (IOException | RuntimeException e) {
      if (!socket.isClosed()) {
        System.err.println("raw watch ended: " + e);
      }
    }
  }

  private static void deliver(byte[] line, long arrived, BiConsumer<Long, JsonNode> onEvent)
      throws IOException {
    JsonNode event = JSON.readTree(line);
    String type = event.path("type").asText();
    if (type.equals("ADDED") || type.equals("MODIFIED")) {
      onEvent.accept(arrived, event.get("object"));
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
