package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gastown.expand.PlatformConfig;
import org.junit.jupiter.api.Test;

class AdmissionWarmUpTest {
  @Test
  void everyMadeUpPodIsExpandedSoTheWholePathIsCompiled() {
    assertThat(AdmissionWarmUp.run(PlatformConfig.defaults(), new KubernetesSerialization()))
        .as("a refused Pod would leave the expansion and the diff cold")
        .isEqualTo(AdmissionWarmUp.ROUNDS);
  }
}
