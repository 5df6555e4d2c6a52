package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {
  @Test
  void theDeploymentContractsDefaults() {
    WebhookSettings settings = WebhookSettings.fromEnv(Map.of());
    assertThat(settings.port()).isEqualTo(8443);
    assertThat(settings.certFile()).isEqualTo(Path.of("/etc/gastown/tls/tls.crt"));
    assertThat(settings.keyFile()).isEqualTo(Path.of("/etc/gastown/tls/tls.key"));
    assertThat(settings.platformConfigFile())
        .isEqualTo(Path.of("/etc/gastown/platform/platform.yaml"));
    assertThat(settings.maxRequestBytes()).isEqualTo(8 * 1024 * 1024);
    assertThat(settings.tlsReloadInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void readsTheEnvironmentAndRejectsNonsense() {
    WebhookSettings settings =
        WebhookSettings.fromEnv(
            Map.of(
                "GASTOWN_PORT",
                "9443",
                "GASTOWN_TLS_CERT",
                "/tls/c",
                "GASTOWN_TLS_KEY",
                "/tls/k",
                "GASTOWN_MAX_REQUEST_BYTES",
                "1000"));
    assertThat(settings.port()).isEqualTo(9443);
    assertThat(settings.certFile()).isEqualTo(Path.of("/tls/c"));
    assertThat(settings.maxRequestBytes()).isEqualTo(1000);
    assertThatThrownBy(() -> WebhookSettings.fromEnv(Map.of("GASTOWN_PORT", "https")))
        .hasMessage("GASTOWN_PORT=https is not a non-negative whole number");
  }
}
