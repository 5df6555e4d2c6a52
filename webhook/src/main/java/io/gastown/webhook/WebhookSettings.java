package io.gastown.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The webhook's settings, from its environment (names and defaults are part of the deployment
 * contract).
 */
public record WebhookSettings(
    int port,
    Path certFile,
    Path keyFile,
    Path platformConfigFile,
    long maxRequestBytes,
    Duration tlsReloadInterval,
    Duration drainDelay,
    Duration shutdownGrace) {

  public static final long DEFAULT_MAX_REQUEST_BYTES = 8L * 1024 * 1024;

  public static WebhookSettings fromEnv(Map<String, String> env) {
    return new WebhookSettings(
        intValue(env, "GASTOWN_PORT", 8443),
        Path.of(env.getOrDefault("GASTOWN_TLS_CERT", "/etc/gastown/tls/tls.crt")),
        Path.of(env.getOrDefault("GASTOWN_TLS_KEY", "/etc/gastown/tls/tls.key")),
        Path.of(env.getOrDefault("GASTOWN_PLATFORM_CONFIG", "/etc/gastown/platform/platform.yaml")),
        intValue(env, "GASTOWN_MAX_REQUEST_BYTES", (int) DEFAULT_MAX_REQUEST_BYTES),
        Duration.ofSeconds(intValue(env, "GASTOWN_TLS_RELOAD_SECONDS", 10)),
        Duration.ofSeconds(intValue(env, "GASTOWN_DRAIN_SECONDS", 3)),
        Duration.ofSeconds(intValue(env, "GASTOWN_SHUTDOWN_GRACE_SECONDS", 10)));
  }

  private static int intValue(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + "=" + value + " is not a non-negative whole number");
    }
  }
}
