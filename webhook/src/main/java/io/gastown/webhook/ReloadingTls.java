package io.gastown.webhook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS key and certificate, from PEM files, swapped in without a restart when they
 * change on disk. The kubelet updates a mounted Secret by switching a {@code ..data} symlink, which
 * file watchers miss, so this polls a hash of both files. A half-written or mismatched pair is not
 * applied; the old one stays until the next poll.
 */
final class ReloadingTls implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReloadingTls.class);

  private final Path certFile;
  private final Path keyFile;
  private final SslContextFactory.Server sslContextFactory = new SslContextFactory.Server();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "tls-reload");
            thread.setDaemon(true);
            return thread;
          });
  private final Consumer<Boolean> onReload;
  private byte[] loadedHash;
  private byte[] failedHash;

  /**
   * Loads the files now (failing if they are unusable) and then checks them every {@code interval}.
   */
  ReloadingTls(Path certFile, Path keyFile, Duration interval, Consumer<Boolean> onReload) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.onReload = onReload;
    try {
      Loaded first = read();
      sslContextFactory.setKeyStore(first.keyStore());
      sslContextFactory.setKeyStorePassword(PemKeyStore.PASSWORD);
      sslContextFactory.setKeyManagerPassword(PemKeyStore.PASSWORD);
      loadedHash = first.hash();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot load TLS certificate "
              + certFile
              + " and key "
              + keyFile
              + ": "
              + e.getMessage()
              + " (set GASTOWN_TLS_CERT and GASTOWN_TLS_KEY to PEM files)",
          e);
    }
    long millis = Math.max(interval.toMillis(), 50);
    poller.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
  }

  SslContextFactory.Server sslContextFactory() {
    return sslContextFactory;
  }

  /**
   * Applies the files if they differ from what is served; returns true when a new pair was applied.
   */
  synchronized boolean reloadIfChanged() {
    Loaded current;
    byte[] hash = null;
    try {
      hash = hash(Files.readAllBytes(certFile), Files.readAllBytes(keyFile));
      if (Arrays.equals(hash, loadedHash) || Arrays.equals(hash, failedHash)) {
        return false;
      }
      current = read();
    } catch (IOException | GeneralSecurityException e) {
      failedHash = hash;
      log.warn(
          "TLS files {} / {} changed but cannot be used, still serving the previous certificate: {}",
          certFile,
          keyFile,
          e.getMessage());
      onReload.accept(false);
      return false;
    }
    try {
      sslContextFactory.reload(factory -> factory.setKeyStore(current.keyStore()));
    } catch (Exception e) {
      log.warn("TLS reload failed, still serving the previous certificate: {}", e.toString());
      onReload.accept(false);
      return false;
    }
    loadedHash = current.hash();
    log.info("TLS certificate reloaded from {}", certFile);
    onReload.accept(true);
    return true;
  }

  private Loaded read() throws IOException, GeneralSecurityException {
    byte[] cert = Files.readAllBytes(certFile);
    byte[] key = Files.readAllBytes(keyFile);
    return new Loaded(PemKeyStore.load(cert, key), hash(cert, key));
  }

  private static byte[] hash(byte[] cert, byte[] key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(cert);
      digest.update((byte) 0);
      digest.update(key);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  private record Loaded(KeyStore keyStore, byte[] hash) {}
}
