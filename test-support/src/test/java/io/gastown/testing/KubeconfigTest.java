package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KubeconfigTest {

  @Test
  void aClientReadsServerAndEmbeddedCredentials() {
    String yaml = Kubeconfig.render("https://127.0.0.1:6443", "CA PEM", "CERT PEM", "KEY PEM");

    Config config = Config.fromKubeconfig(yaml);

    assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:6443");
    assertThat(decode(config.getCaCertData())).isEqualTo("CA PEM");
    assertThat(decode(config.getClientCertData())).isEqualTo("CERT PEM");
    assertThat(decode(config.getClientKeyData())).isEqualTo("KEY PEM");
    assertThat(config.getNamespace()).isEqualTo("default");
  }

  @Test
  void aTokenKubeconfigCarriesTheToken() {
    Config config =
        Config.fromKubeconfig(Kubeconfig.renderToken("https://127.0.0.1:6443", "CA PEM", "abc123"));

    assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:6443");
    assertThat(decode(config.getCaCertData())).isEqualTo("CA PEM");
    assertThat(config.getAutoOAuthToken()).isEqualTo("abc123");
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }
}
