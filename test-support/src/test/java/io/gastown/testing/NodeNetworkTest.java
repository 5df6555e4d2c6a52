package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeNetworkTest {
  private static final String NO_ROUTES =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
  private static final Map<String, String> IN_NETNS = Map.of("GASTOWN_NETNS", "10.250.0.1");

  @Test
  void theNamespaceOfInNetnsShIsAccepted() {
    NodeNetwork network =
        NodeNetwork.check(IN_NETNS, List.of("lo", "gt-node0", "gtcni0", "veth1a2b3c4d"), NO_ROUTES);

    assertThat(network.nodeAddress()).isEqualTo("10.250.0.1");
  }

  @Test
  void outsideTheNamespaceTheNodeRefusesAndNamesTheScript() {
    assertThatThrownBy(() -> NodeNetwork.check(Map.of(), List.of("lo", "eth0"), NO_ROUTES))
        .hasMessageContaining("GASTOWN_NETNS is not set")
        .hasMessageContaining("hack/in-netns.sh mvn -o -Preal-node verify");
  }

  @Test
  void anInterfaceTheEnvironmentDidNotCreateIsRefused() {
    assertThatThrownBy(() -> NodeNetwork.check(IN_NETNS, List.of("lo", "eth0"), NO_ROUTES))
        .hasMessageContaining("interfaces the environment did not create: eth0")
        .hasMessageContaining("hack/in-netns.sh");
  }

  @Test
  void aDefaultRouteIsRefused() {
    String routes = NO_ROUTES + "gt-node0\t00000000\t0100FA0A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";

    assertThatThrownBy(() -> NodeNetwork.check(IN_NETNS, List.of("lo", "gt-node0"), routes))
        .hasMessageContaining("default route (via gt-node0)");
  }

  @Test
  void aNodeAddressThatIsNoAddressIsRefused() {
    assertThatThrownBy(
            () ->
                NodeNetwork.check(
                    Map.of("GASTOWN_NETNS", "node.example"), List.of("lo"), NO_ROUTES))
        .hasMessageContaining("GASTOWN_NETNS='node.example' is not an IPv4 address");
  }
}
