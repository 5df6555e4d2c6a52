package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ControlPlaneExtension.class)
class CrdIT {
  static final List<String> GASTOWN_CRDS =
      List.of(
          "beadstores.gastown.gastown.io",
          "convoys.gastown.gastown.io",
          "polecats.gastown.gastown.io",
          "refineries.gastown.gastown.io",
          "rigs.gastown.gastown.io",
          "witnesses.gastown.gastown.io");

  @Test
  void allSixCrdsAreInstalledAndEstablished(KubernetesClient client, ControlPlaneInfo info) {
    assertThat(CrdManifests.find(CrdManifests.repositoryRoot()))
        .as("the CRDs checked in under kustomize/base/crds")
        .isNotEmpty();

    assertThat(info.installedCrds()).containsExactlyInAnyOrderElementsOf(GASTOWN_CRDS);
    for (String name : GASTOWN_CRDS) {
      assertThat(
              LocalControlPlane.established(
                  client.apiextensions().v1().customResourceDefinitions().withName(name).get()))
          .as("%s Established", name)
          .isTrue();
    }
  }
}
