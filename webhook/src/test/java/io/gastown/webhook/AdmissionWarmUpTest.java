package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.expand.PlatformConfig;
import io.gastown.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionWarmUpTest {
  @Test
  void everyMadeUpPodIsExpandedOverHttpsSoTheWholePathIsCompiled(@TempDir Path tls)
      throws Exception {
    TestPki.rsa("gastown-webhook").writeTo(tls);
    WebhookSettings settings =
        new WebhookSettings(
            8443,
            tls.resolve("tls.crt"),
            tls.resolve("tls.key"),
            tls.resolve("platform.yaml"),
            WebhookSettings.DEFAULT_MAX_REQUEST_BYTES,
            Duration.ofSeconds(10),
            Duration.ofSeconds(3),
            Duration.ofSeconds(10));

    assertThat(AdmissionWarmUp.run(PlatformConfig.defaults(), settings))
        .as("a refused Pod would leave the expansion and the diff cold")
        .isEqualTo(AdmissionWarmUp.ROUNDS);
  }
}
