package io.gastown.status;

import java.time.Duration;
import java.util.Map;

/**
 * The reporter's settings, each read once from the environment here (nothing else calls {@code
 * System.getenv}).
 *
 * @param httpPort GASTOWN_HTTP_PORT (8080): plain HTTP for /healthz, /readyz and /metrics; 0 picks
 *     a free port
 * @param podName POD_NAME (downward API; else the host name): this replica's identity in the Lease
 * @param podNamespace POD_NAMESPACE (downward API; else gastown-system): where the Lease lives
 * @param workers GASTOWN_STATUS_WORKERS (8): how many statuses are computed and written at once
 *     (writes wait on the apiserver, so more workers than cores pays off; docs/benchmarks.md)
 * @param leaderElection GASTOWN_LEADER_ELECTION (true): take the Lease before writing; false only
 *     for a single replica run by hand
 * @param tick how often time-driven checks run (thresholds, log probes); one second
 */
public record ReporterConfig(
    int httpPort,
    String podName,
    String podNamespace,
    int workers,
    boolean leaderElection,
    Duration tick) {

  public static final String LEASE_NAME = "gastown-status-reporter";
  public static final String FIELD_MANAGER = "gastown-status-reporter";
  public static final String DEFAULT_NAMESPACE = "gastown-system";

  public ReporterConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException(
          "GASTOWN_HTTP_PORT: " + httpPort + " is not a port; use 1-65535, e.g. 8080");
    }
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException(
          "GASTOWN_STATUS_WORKERS: " + workers + " is out of range; use 1-64, e.g. 8");
    }
  }

  public static ReporterConfig fromEnv(Map<String, String> env) {
    return new ReporterConfig(
        integer(env, "GASTOWN_HTTP_PORT", 8080),
        nonBlank(env.get("POD_NAME"), hostName()),
        nonBlank(env.get("POD_NAMESPACE"), DEFAULT_NAMESPACE),
        integer(env, "GASTOWN_STATUS_WORKERS", 8),
        bool(env, "GASTOWN_LEADER_ELECTION", true),
        Duration.ofSeconds(1));
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + ": '" + value + "' is not a number; use e.g. " + fallback);
    }
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(name + ": '" + value + "' is not true or false");
    };
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "gastown-status-reporter";
    }
  }
}
