package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalControlPlaneTest {
  private static final Path TOKENS = Path.of("/pki/tokens.csv");
  private static final Path CERT = Path.of("/pki/client.crt");
  private static final Path KEY = Path.of("/pki/client.key");

  @Test
  void theKwokControlPlaneStaysOnLoopbackWithoutServiceAccountsOrEndpoints() {
    assertThat(LocalControlPlane.modeFlags(null, null, CERT, KEY))
        .contains(
            "--bind-address=127.0.0.1",
            "--endpoint-reconciler-type=none",
            "--authorization-mode=RBAC",
            "--disable-admission-plugins=ServiceAccount,TaintNodesByCondition");
  }

  @Test
  void theRealNodesControlPlaneAdvertisesTheNodeAddressAndAuthorizesNodes() {
    var flags = LocalControlPlane.modeFlags(new NodeNetwork("10.250.0.1"), TOKENS, CERT, KEY);

    assertThat(flags)
        .contains(
            "--advertise-address=10.250.0.1",
            "--token-auth-file=/pki/tokens.csv",
            "--authorization-mode=Node,RBAC",
            "--enable-admission-plugins=NodeRestriction",
            "--disable-admission-plugins=TaintNodesByCondition",
            "--kubelet-preferred-address-types=InternalIP,Hostname",
            "--kubelet-client-certificate=/pki/client.crt")
        .noneMatch(flag -> flag.startsWith("--endpoint-reconciler-type"))
        .noneMatch(flag -> flag.contains("ServiceAccount"));
  }
}
